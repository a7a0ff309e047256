package s2c.targets.aws;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The task sizes Fargate accepts (CPU units and MiB of memory, in the combinations of the ECS
 * developer guide's "Task CPU and memory" table), and the smallest one that fits a request.
 */
final class FargateSizes {
  record Size(int cpu, int memory) {}

  static final List<Size> ALL = sizes();

  private FargateSizes() {}

  private static List<Size> sizes() {
    List<Size> out = new ArrayList<>();
    for (int m : new int[] {512, 1024, 2048}) {
      out.add(new Size(256, m));
    }
    add(out, 512, 1024, 4096, 1024);
    add(out, 1024, 2048, 8192, 1024);
    add(out, 2048, 4096, 16384, 1024);
    add(out, 4096, 8192, 30720, 1024);
    add(out, 8192, 16384, 61440, 4096);
    add(out, 16384, 32768, 122880, 8192);
    return List.copyOf(out);
  }

  private static void add(List<Size> out, int cpu, int from, int to, int step) {
    for (int m = from; m <= to; m += step) {
      out.add(new Size(cpu, m));
    }
  }

  static boolean valid(int cpu, int memory) {
    return ALL.contains(new Size(cpu, memory));
  }

  /** The smallest size with at least {@code cpu} cores and {@code memoryMi}; empty past the top. */
  static Optional<Size> fit(BigDecimal cpu, int memoryMi) {
    int units =
        cpu.multiply(BigDecimal.valueOf(1024))
            .setScale(0, java.math.RoundingMode.CEILING)
            .intValue();
    return ALL.stream()
        .filter(s -> s.cpu() >= units && s.memory() >= memoryMi)
        .min(java.util.Comparator.comparingInt(Size::cpu).thenComparingInt(Size::memory));
  }
}
