package s2c.spi;

import java.util.List;

/**
 * A remote Terraform state backend a target can write ({@code state_backend.type} in values), with
 * the {@code state_backend} fields it needs; the values schema requires them when the type is
 * chosen.
 */
public record StateBackendKind(String type, List<String> required, String description) {
  public StateBackendKind {
    required = List.copyOf(required);
  }
}
