package s2c.spi;

import java.math.BigDecimal;
import java.util.Optional;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.model.Deployment;
import s2c.model.Guardrails;
import s2c.model.Service;
import s2c.model.Size;

/**
 * {@code guardrails.max_instance_size} against the instance a target picked for a service: the
 * check is the target's, because only it knows which size of its ladder a request became.
 */
public final class InstanceLimits {
  private InstanceLimits() {}

  /**
   * @param instance what the target runs the service on, for the message ({@code App Platform
   *     apps-d-4vcpu-16gb})
   */
  public static Optional<Diagnostic> check(
      Deployment d, Service s, String instance, BigDecimal cpu, int memoryMi) {
    Optional<Guardrails.Limit<Size>> limit = d.guardrails().maxInstanceSize();
    if (limit.isEmpty()) {
      return Optional.empty();
    }
    Size max = limit.get().value();
    boolean overCpu = max.cpu().filter(c -> cpu.compareTo(c) > 0).isPresent();
    boolean overMemory = max.memoryMi().filter(m -> memoryMi > m).isPresent();
    if (!overCpu && !overMemory) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnostic.error(
            Codes.GUARDRAIL_EXCEEDED,
            s.origin(),
            "service '"
                + s.id()
                + "' runs on "
                + instance
                + " ("
                + cpu.stripTrailingZeros().toPlainString()
                + " vCPU, "
                + memoryMi
                + " Mi), over guardrails.max_instance_size ("
                + max.cpu().map(c -> c.stripTrailingZeros().toPlainString() + " vCPU").orElse("")
                + (max.cpu().isPresent() && max.memoryMi().isPresent() ? ", " : "")
                + max.memoryMi().map(m -> m + " Mi").orElse("")
                + ", "
                + limit.get().at().prefix()
                + ")",
            "ask for a smaller size in services." + s.id() + ".size, or raise the limit"));
  }
}
