package s2c.spi;

import java.util.List;
import java.util.SortedMap;
import s2c.diag.Diagnostic;
import s2c.model.Deployment;

/**
 * A provider plugin, found through {@link java.util.ServiceLoader}. {@link #render} is a pure
 * function of the model; {@link #validate} checks a rendered tree (fresh or read back from disk)
 * and, under {@link Checks#FULL}, may run local tools such as {@code terraform fmt}.
 */
public interface Target {
  /**
   * Stable id used on the command line, in output paths and under {@code providers.<id>} in values.
   */
  String id();

  List<String> aliases();

  String description();

  /** Output formats, e.g. {@code terraform}. */
  List<String> formats();

  /** What the target maps each concept to, for {@code providers}: key → explanation, sorted. */
  SortedMap<String, String> mappings();

  RenderResult render(Deployment deployment, RenderContext context);

  /**
   * For a pull request's change summary: the Terraform arguments, by resource type, whose change
   * makes this target's providers replace (destroy and re-create) the resource.
   */
  /**
   * What holds data that a destroy loses: Terraform resource types and API object kinds ({@code
   * Kind/}); a publish that would remove or replace one needs {@code --allow-destroy}.
   */
  default java.util.Set<String> statefulTypes() {
    return java.util.Set.of();
  }

  default java.util.Map<String, java.util.Set<String>> replacementArguments() {
    return java.util.Map.of();
  }

  /**
   * This target's settings under {@code providers.<id>} in values, as a JSON Schema object (draft
   * 7; strings name their grammar with {@code x-grammar}); the values schema is assembled from
   * these. The target reads the settings through {@link ProviderSettings#read} into a record the
   * schema describes.
   */
  default tools.jackson.databind.JsonNode settingsSchema() {
    tools.jackson.databind.node.ObjectNode schema =
        tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    schema.put("type", "object");
    schema.put("additionalProperties", false);
    schema.putObject("properties");
    return schema;
  }

  /**
   * How this target runs each type of backing resource, by type; {@link ResourceSupport#ANY_OTHER}
   * holds the rule for the types it does not name.
   */
  default java.util.SortedMap<String, ResourceSupport> resourceCatalogue() {
    return new java.util.TreeMap<>();
  }

  /** The remote Terraform state backends this target writes, besides {@code local}. */
  default List<StateBackendKind> stateBackends() {
    return List.of();
  }

  /**
   * What the infra repository's CI runs for this target's deployments; empty when a controller
   * syncs them.
   */
  default java.util.Optional<CiJob> ciJob() {
    return java.util.Optional.empty();
  }

  /**
   * Files that apply a whole tenant fan-out through the engine that syncs this target's renders
   * (paths relative to the scenario's {@code _gitops/} directory); empty when each directory is
   * applied on its own (the infra CI loops over changed directories).
   */
  default java.util.SortedMap<String, byte[]> fanOutFiles(FanOut fanOut) {
    return new java.util.TreeMap<>();
  }

  /**
   * The settings this target reads from a CloudManifest (the deployment manifest of Vrooli's own
   * scenario-to-cloud scenario), by setting name under {@code providers.<id>}; empty when the
   * manifest says nothing this target uses.
   */
  default java.util.SortedMap<String, ImportedSetting> cloudManifestSettings(
      tools.jackson.databind.JsonNode manifest) {
    return new java.util.TreeMap<>();
  }

  /**
   * The tools {@link #validate} runs only under {@link Checks#FULL}: programs it starts, e.g.
   * {@code terraform fmt}, and costly tool runs in process, e.g. a chart linter.
   */
  default List<String> externalChecks() {
    return List.of();
  }

  /** Checks a rendered tree; programs are started only under {@link Checks#FULL}. */
  List<Diagnostic> validate(RenderedTree tree, String displayRoot, Checks checks);
}
