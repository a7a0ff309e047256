package s2c.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;
import s2c.model.BackingResource;
import s2c.model.ResourceMode;

/** A mode means the same on every catalogue: cloud, cluster and host. */
class ResourcePlacementTest {
  /** A cloud: a managed postgres, a pinned qdrant image, any image given, no GPU. */
  private static final SortedMap<String, ResourceSupport> CLOUD =
      new TreeMap<>(
          java.util.Map.of(
              "postgres",
              ResourceSupport.managed("managed pg"),
              "qdrant",
              ResourceSupport.container("qdrant:1"),
              "ollama",
              ResourceSupport.unsupported("it needs a GPU"),
              ResourceSupport.ANY_OTHER,
              ResourceSupport.container("the image given")));

  /** A host: packages only. */
  private static final SortedMap<String, ResourceSupport> HOST =
      new TreeMap<>(
          java.util.Map.of(
              "postgres",
              ResourceSupport.hostPackage("postgresql"),
              ResourceSupport.ANY_OTHER,
              ResourceSupport.externalOnly("endpoint only")));

  private final List<Diagnostic> diagnostics = new ArrayList<>();

  private Optional<ResourcePlacement> place(
      SortedMap<String, ResourceSupport> catalogue,
      String type,
      ResourceMode mode,
      boolean required,
      String image) {
    BackingResource r =
        new BackingResource(
            type,
            type,
            required,
            Optional.empty(),
            mode,
            Optional.empty(),
            1,
            Optional.empty(),
            Optional.ofNullable(image),
            Optional.empty(),
            SourceLocation.NONE);
    return ResourcePlacement.of(r, "the platform", catalogue, "the variable x", diagnostics);
  }

  private List<String> codes() {
    return diagnostics.stream().map(d -> d.severity() + " " + d.code()).toList();
  }

  @Test
  void theDefaultIsWhatTheCatalogueOffers() {
    assertThat(place(CLOUD, "postgres", ResourceMode.DEFAULT, true, null))
        .contains(ResourcePlacement.MANAGED);
    assertThat(place(CLOUD, "QDRANT", ResourceMode.DEFAULT, true, null))
        .contains(ResourcePlacement.CONTAINER);
    assertThat(place(HOST, "postgres", ResourceMode.DEFAULT, true, null))
        .contains(ResourcePlacement.HOST_PACKAGE);
    assertThat(diagnostics).isEmpty();
  }

  @Test
  void disabledIsLeftOutWithAWarningEvenWhenRequired() {
    assertThat(place(CLOUD, "postgres", ResourceMode.DISABLED, true, null)).isEmpty();
    assertThat(codes()).containsExactly("WARNING " + Codes.OPTIONAL_RESOURCE_DROPPED);
  }

  @Test
  void externalIsExternalEverywhereAndSaysWhereTheEndpointComesFrom() {
    assertThat(place(CLOUD, "postgres", ResourceMode.EXTERNAL, true, null))
        .contains(ResourcePlacement.EXTERNAL);
    assertThat(place(HOST, "n8n", ResourceMode.EXTERNAL, true, null))
        .contains(ResourcePlacement.EXTERNAL);
    assertThat(codes()).containsOnly("INFO " + Codes.RESOURCE_EXTERNAL);
    assertThat(diagnostics.get(0).message()).contains("the variable x");
  }

  @Test
  void managedIsAnErrorWhereTheCloudHasNoneAndExternalWhereThePlatformHasNoManagedServices() {
    assertThat(place(CLOUD, "qdrant", ResourceMode.MANAGED, false, null)).isEmpty();
    assertThat(codes()).containsExactly("ERROR " + Codes.RESOURCE_UNSUPPORTED);
    diagnostics.clear();
    assertThat(place(HOST, "postgres", ResourceMode.MANAGED, true, null))
        .contains(ResourcePlacement.EXTERNAL);
  }

  @Test
  void containerModeOfAManagedTypeNeedsAnImage() {
    assertThat(place(CLOUD, "postgres", ResourceMode.CONTAINER, true, "postgres:16"))
        .contains(ResourcePlacement.CONTAINER);
    assertThat(place(CLOUD, "postgres", ResourceMode.CONTAINER, true, null)).isEmpty();
    assertThat(codes()).containsExactly("ERROR " + Codes.RESOURCE_UNSUPPORTED);
    assertThat(diagnostics.get(0).hint()).get().asString().contains("resources.postgres.image");
  }

  @Test
  void whatCannotRunIsAnErrorWhenRequiredAndAWarningWhenOptional() {
    assertThat(place(CLOUD, "ollama", ResourceMode.DEFAULT, true, null)).isEmpty();
    assertThat(place(CLOUD, "ollama", ResourceMode.DEFAULT, false, null)).isEmpty();
    assertThat(place(CLOUD, "mystery", ResourceMode.DEFAULT, false, null)).isEmpty();
    assertThat(place(HOST, "n8n", ResourceMode.DEFAULT, true, "n8n:1")).isEmpty();
    assertThat(codes())
        .containsExactly(
            "ERROR " + Codes.RESOURCE_UNSUPPORTED,
            "WARNING " + Codes.OPTIONAL_RESOURCE_DROPPED,
            "WARNING " + Codes.OPTIONAL_RESOURCE_DROPPED,
            "ERROR " + Codes.RESOURCE_UNSUPPORTED);
    assertThat(diagnostics.get(0).message()).endsWith("it needs a GPU");
    // a host runs no images, so its hint offers only an endpoint
    assertThat(diagnostics.get(3).hint()).get().asString().doesNotContain(".image");
  }

  @Test
  void anImageGivenRunsWhereThePlatformRunsImages() {
    assertThat(place(CLOUD, "ollama", ResourceMode.DEFAULT, true, "ollama/ollama:0.6"))
        .contains(ResourcePlacement.CONTAINER);
    assertThat(place(CLOUD, "mystery", ResourceMode.DEFAULT, true, "example/mystery:1"))
        .contains(ResourcePlacement.CONTAINER);
    assertThat(diagnostics).isEmpty();
  }
}
