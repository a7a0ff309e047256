package s2c.model;

import java.util.Optional;

/** Where Terraform keeps state; {@code local} is refused for prod. */
public record StateBackend(
    String type, Optional<String> bucket, Optional<String> region, String key) {
  public boolean isRemote() {
    return !"local".equals(type);
  }
}
