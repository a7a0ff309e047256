package s2c.spi;

import java.util.List;
import s2c.model.Deployment;

/**
 * A tenant fan-out as a target sees it: every tenant × environment rendered from one scenario, and
 * the template of their directories in the infra repo ({@code {scenario}/{tenant}/{env}/{provider}}
 * by default), so a target can render the objects that apply them all (an Argo CD ApplicationSet,
 * Flux Kustomizations).
 */
public record FanOut(String scenario, String provider, String pathTemplate, List<Member> members) {
  public FanOut {
    members = List.copyOf(members);
  }

  /** One tenant × environment and where it lives in the repo. */
  public record Member(String tenant, String environment, String path, Deployment deployment) {}

  /** The directory pattern of one environment, every tenant: {@code {tenant}} becomes {@code *}. */
  public String glob(String environment) {
    return pathTemplate
        .replace("{scenario}", scenario)
        .replace("{tenant}", "*")
        .replace("{env}", environment)
        .replace("{provider}", provider);
  }

  /** Which '/'-separated segment of a directory holds the tenant id. */
  public int tenantSegment() {
    String[] parts = pathTemplate.split("/");
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].contains("{tenant}")) {
        return i;
      }
    }
    throw new IllegalStateException("the path template has no {tenant}: " + pathTemplate);
  }
}
