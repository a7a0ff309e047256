package s2c.terraform;

import java.util.Set;
import java.util.TreeSet;
import s2c.schema.SchemaValidator;
import tools.jackson.databind.JsonNode;

/**
 * One provider's schema in the shipped {@code steering-tf-schema/1} layout: resource, data source
 * and ephemeral resource types, each a tree of attributes (with type and required flag) and nested
 * blocks.
 */
public record ProviderSchema(
    String name,
    String source,
    String version,
    JsonNode provider,
    JsonNode resources,
    JsonNode dataSources,
    JsonNode ephemeralResources,
    Set<String> omittedResources,
    Set<String> omittedDataSources) {

  public static ProviderSchema load(String resource) {
    JsonNode root = SchemaValidator.loadResource("s2c/schemas/terraform/" + resource);
    TreeSet<String> omitted = new TreeSet<>();
    root.path("omitted_resource_types").forEach(n -> omitted.add(n.asString()));
    TreeSet<String> omittedData = new TreeSet<>();
    root.path("omitted_data_source_types").forEach(n -> omittedData.add(n.asString()));
    return new ProviderSchema(
        root.path("provider").asString(),
        root.path("provider_source").asString(),
        root.path("provider_version").asString(),
        root.path("provider_schema"),
        root.path("resource_schemas"),
        root.path("data_source_schemas"),
        root.path("ephemeral_resource_schemas"),
        omitted,
        omittedData);
  }
}
