package s2c.targets.digitalocean;

import java.math.BigDecimal;
import java.util.List;
import s2c.model.Size;

/** App Platform instance sizes, smallest first; a bundle size maps to the first that fits. */
final class InstanceSizes {
  static final String DEFAULT = "apps-s-1vcpu-1gb";

  record Slug(String name, BigDecimal cpu, int memoryMi) {}

  private static final List<Slug> SLUGS =
      List.of(
          new Slug("apps-s-1vcpu-0.5gb", BigDecimal.ONE, 512),
          new Slug("apps-s-1vcpu-1gb", BigDecimal.ONE, 1024),
          new Slug("apps-s-1vcpu-2gb", BigDecimal.ONE, 2048),
          new Slug("apps-s-2vcpu-4gb", BigDecimal.valueOf(2), 4096),
          new Slug("apps-d-2vcpu-4gb", BigDecimal.valueOf(2), 4096),
          new Slug("apps-d-2vcpu-8gb", BigDecimal.valueOf(2), 8192),
          new Slug("apps-d-4vcpu-8gb", BigDecimal.valueOf(4), 8192),
          new Slug("apps-d-4vcpu-16gb", BigDecimal.valueOf(4), 16384),
          new Slug("apps-d-8vcpu-32gb", BigDecimal.valueOf(8), 32768));

  private InstanceSizes() {}

  static String forSize(Size size) {
    if (size.cpu().isEmpty() && size.memoryMi().isEmpty()) {
      return DEFAULT;
    }
    BigDecimal cpu = size.cpu().orElse(BigDecimal.ZERO);
    int memory = size.memoryMi().orElse(0);
    return SLUGS.stream()
        .filter(s -> s.cpu().compareTo(cpu) >= 0 && s.memoryMi() >= memory)
        .map(Slug::name)
        .findFirst()
        .orElse(SLUGS.get(SLUGS.size() - 1).name());
  }

  /** A size of the ladder by its slug. */
  static java.util.Optional<Slug> of(String name) {
    return SLUGS.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  static boolean fits(Size size) {
    BigDecimal cpu = size.cpu().orElse(BigDecimal.ZERO);
    int memory = size.memoryMi().orElse(0);
    Slug largest = SLUGS.get(SLUGS.size() - 1);
    return largest.cpu().compareTo(cpu) >= 0 && largest.memoryMi() >= memory;
  }
}
