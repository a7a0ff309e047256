package s2c.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.Diagnostics;
import s2c.diag.SourceLocation;
import s2c.spi.Checks;
import s2c.spi.RenderedTree;
import s2c.spi.Target;
import s2c.spi.TargetRegistry;
import s2c.write.JsonOutput;
import s2c.write.ManifestFile;
import tools.jackson.databind.JsonNode;

/**
 * Validates a rendered provider directory however it arrives (read back from disk by {@code
 * validate DIR}, or sent to the API): its manifest names the provider, every listed file has the
 * digest the render gave it (a hand edit or a file outside the render is S2C078, an error when
 * {@code strict}), then the provider's own rules under {@code checks}.
 */
public final class RenderedValidation {
  private final TargetRegistry targets;

  public RenderedValidation(TargetRegistry targets) {
    this.targets = targets;
  }

  /** {@code root} prefixes every reported path (the directory as the user named it). */
  public List<Diagnostic> validate(RenderedTree tree, String root, boolean strict, Checks checks) {
    Diagnostics diagnostics = new Diagnostics();
    byte[] manifestBytes = tree.get(ManifestFile.NAME);
    if (manifestBytes == null) {
      diagnostics.error(
          Codes.MANIFEST_MISMATCH,
          SourceLocation.file(root + ManifestFile.NAME),
          "not a rendered provider directory: " + ManifestFile.NAME + " is missing",
          "point at dist/<scenario>/cloud/<provider>");
      return diagnostics.sorted();
    }
    JsonNode manifest;
    try {
      manifest = JsonOutput.mapper().readTree(manifestBytes);
    } catch (RuntimeException e) {
      diagnostics.error(
          Codes.SYNTAX,
          SourceLocation.file(root + ManifestFile.NAME),
          "cannot parse the manifest",
          null);
      return diagnostics.sorted();
    }
    String providerId = manifest.path("provider").asString("");
    Optional<Target> target = targets.find(providerId);
    if (target.isEmpty()) {
      diagnostics.error(
          Codes.UNKNOWN_PROVIDER,
          SourceLocation.file(root + ManifestFile.NAME),
          "manifest names unknown provider '" + providerId + "'",
          null);
      return diagnostics.sorted();
    }
    checkDigests(tree, manifest, root, diagnostics, strict);
    diagnostics.addAll(target.get().validate(tree, root, checks));
    return diagnostics.sorted();
  }

  private static void checkDigests(
      RenderedTree tree, JsonNode manifest, String root, Diagnostics diagnostics, boolean strict) {
    List<String> listed = new ArrayList<>();
    for (JsonNode file : manifest.path("files")) {
      String path = file.path("path").asString();
      listed.add(path);
      byte[] content = tree.get(path);
      if (content == null) {
        diagnostics.error(
            Codes.MANIFEST_MISMATCH,
            SourceLocation.file(root + path),
            "file listed in the manifest is missing",
            "render again");
      } else if (!ManifestFile.sha256(content).equals(file.path("sha256").asString())) {
        diagnostics.add(
            mismatch(
                strict,
                SourceLocation.file(root + path),
                "file differs from what scenario-to-cloud rendered (edited by hand?)",
                "change the inputs and render again instead"));
      }
    }
    for (String path : tree.files().keySet()) {
      // Terraform's own working files are not part of a render
      if (!path.equals(ManifestFile.NAME)
          && !listed.contains(path)
          && !path.startsWith("terraform/.terraform")) {
        diagnostics.add(
            mismatch(
                strict, SourceLocation.file(root + path), "file is not part of the render", null));
      }
    }
  }

  private static Diagnostic mismatch(
      boolean strict, SourceLocation at, String message, String hint) {
    return strict
        ? Diagnostic.error(Codes.MANIFEST_MISMATCH, at, message, hint)
        : Diagnostic.warning(Codes.MANIFEST_MISMATCH, at, message, hint);
  }
}
