package s2c.spi;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.model.BackingResource;
import s2c.model.ResourceMode;

/**
 * Where a backing resource runs on a target: its {@code mode} in values applied to the target's
 * resource catalogue. Every target decides through here, so a mode means the same on every platform
 * and a resource left out or refused gets the same diagnostic wherever it is compiled.
 */
public enum ResourcePlacement {
  /** The platform's managed service. */
  MANAGED,
  /** An image run next to the app: the target's pinned one, or {@code resources.<name>.image}. */
  CONTAINER,
  /** A package of the host's distribution. */
  HOST_PACKAGE,
  /** An endpoint run elsewhere, handed to the app as a deploy-time secret or variable. */
  EXTERNAL;

  /**
   * The placement of {@code r}, or empty when it is left out (with a warning, or an error when it
   * is required).
   *
   * @param platform what the target runs on, for messages ("App Platform", "the chart")
   * @param endpointSource where an external resource's endpoint comes from, for the info line
   */
  public static Optional<ResourcePlacement> of(
      BackingResource r,
      String platform,
      SortedMap<String, ResourceSupport> catalogue,
      String endpointSource,
      List<Diagnostic> diagnostics) {
    if (r.mode() == ResourceMode.DISABLED) {
      diagnostics.add(
          Diagnostic.warning(
              Codes.OPTIONAL_RESOURCE_DROPPED,
              r.origin(),
              "resource '" + r.name() + "' is disabled in values and is not deployed",
              null));
      return Optional.empty();
    }
    String type = r.type().toLowerCase(Locale.ROOT);
    Optional<ResourceSupport> named = Optional.ofNullable(catalogue.get(type));
    ResourceSupport support =
        named
            .or(() -> Optional.ofNullable(catalogue.get(ResourceSupport.ANY_OTHER)))
            .orElse(ResourceSupport.unsupported("the target does not run '" + type + "'"));
    boolean hasManaged =
        catalogue.values().stream()
            .anyMatch(s -> s.placement() == ResourceSupport.Placement.MANAGED);
    // a platform without managed services (a cluster, a host) reads "managed" as one run elsewhere
    boolean external =
        r.mode() == ResourceMode.EXTERNAL || (r.mode() == ResourceMode.MANAGED && !hasManaged);
    if (external) {
      diagnostics.add(
          Diagnostic.info(
              Codes.RESOURCE_EXTERNAL,
              r.origin(),
              "resource '" + r.name() + "' is external: its endpoint comes from " + endpointSource,
              null));
      return Optional.of(EXTERNAL);
    }
    if (r.mode() == ResourceMode.MANAGED
        && support.placement() != ResourceSupport.Placement.MANAGED) {
      diagnostics.add(
          Diagnostic.error(
              Codes.RESOURCE_UNSUPPORTED,
              r.origin(),
              platform + " has no managed service for '" + r.type() + "'",
              "use mode: container or external"));
      return Optional.empty();
    }
    boolean runsImages =
        Optional.ofNullable(catalogue.get(ResourceSupport.ANY_OTHER))
            .map(s -> s.placement() == ResourceSupport.Placement.CONTAINER)
            .orElse(false);
    switch (support.placement()) {
      case MANAGED -> {
        if (r.mode() != ResourceMode.CONTAINER) {
          return Optional.of(MANAGED);
        }
      }
      case HOST_PACKAGE -> {
        return Optional.of(HOST_PACKAGE);
      }
      case CONTAINER -> {
        // a catalogue entry of its own type names a pinned image; the catch-all needs one given
        if (named.isPresent() || r.image().isPresent()) {
          return Optional.of(CONTAINER);
        }
      }
      default -> {}
    }
    if (runsImages && r.image().isPresent()) {
      return Optional.of(CONTAINER);
    }
    String why =
        switch (support.placement()) {
          case UNSUPPORTED -> support.how();
          case EXTERNAL_ONLY -> platform + " has nothing that runs '" + r.type() + "'";
          default -> "no pinned image is known for type '" + r.type() + "'";
        };
    String ways =
        (runsImages
                ? "set resources." + r.name() + ".image, or "
                : "set resources." + r.name() + ".")
            + "mode: external with an endpoint you run elsewhere";
    if (r.required()) {
      diagnostics.add(
          Diagnostic.error(
              Codes.RESOURCE_UNSUPPORTED,
              r.origin(),
              "required resource '" + r.name() + "' cannot run on " + platform + ": " + why,
              ways));
    } else {
      diagnostics.add(
          Diagnostic.warning(
              Codes.OPTIONAL_RESOURCE_DROPPED,
              r.origin(),
              "optional resource '" + r.name() + "' is left out: " + why,
              "features that need it are unavailable; to keep it, " + ways));
    }
    return Optional.empty();
  }
}
