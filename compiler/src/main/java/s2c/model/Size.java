package s2c.model;

import java.math.BigDecimal;
import java.util.Optional;

/** What one instance needs: vCPUs and memory in MiB. */
public record Size(Optional<BigDecimal> cpu, Optional<Integer> memoryMi) {}
