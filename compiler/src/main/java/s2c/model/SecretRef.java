package s2c.model;

import java.util.List;
import java.util.Optional;
import s2c.diag.SourceLocation;

/**
 * A secret the deployment needs, by reference only: the model has no field that could hold a value,
 * which is what keeps values out of every rendered file.
 */
public record SecretRef(
    String id,
    SecretClass secretClass,
    String description,
    boolean required,
    String targetType,
    String targetName,
    int generatedLength,
    List<String> usedBy,
    SourceLocation origin) {

  public SecretRef {
    usedBy = List.copyOf(usedBy);
  }

  public Optional<String> descriptionText() {
    return description == null || description.isBlank()
        ? Optional.empty()
        : Optional.of(description);
  }
}
