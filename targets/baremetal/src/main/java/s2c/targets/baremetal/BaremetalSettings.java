package s2c.targets.baremetal;

import static java.util.Objects.requireNonNullElse;

import java.util.Optional;
import s2c.model.Deployment;
import s2c.spi.ProviderSettings;

/**
 * {@code providers.baremetal} in values (schema: settings.schema.json next to this target), with
 * the defaults that do not depend on the deployment applied; the others stay empty for the caller.
 *
 * @param format what the top-level deploy.sh runs: the Ansible playbook or the plain-shell twin
 * @param lockWait seconds a deploy waits for another deploy of the scenario on the host
 * @param dnsPolicy whether the domain must resolve to the host (default: required with a domain)
 * @param edgeAddress Caddy's site address (default: the domain, else :80)
 * @param vaultPath where secrets are read with secrets_source vault (default
 *     secret/<scenario>/<env>)
 * @param host the inventory's host (default: the domain)
 * @param monthlyUsd what the host costs a month, for the estimate
 */
record BaremetalSettings(
    String format,
    String processManager,
    Integer keepReleases,
    Integer lockWait,
    Optional<String> dnsPolicy,
    Optional<String> edgeAddress,
    Optional<String> caddyEmail,
    String secretsSource,
    Optional<String> vaultPath,
    Optional<String> host,
    Integer sshPort,
    String sshUser,
    Optional<java.math.BigDecimal> monthlyUsd) {
  BaremetalSettings {
    format = requireNonNullElse(format, "ansible");
    processManager = requireNonNullElse(processManager, "systemd");
    keepReleases = requireNonNullElse(keepReleases, 3);
    lockWait = requireNonNullElse(lockWait, 600);
    dnsPolicy = requireNonNullElse(dnsPolicy, Optional.empty());
    edgeAddress = requireNonNullElse(edgeAddress, Optional.empty());
    caddyEmail = requireNonNullElse(caddyEmail, Optional.empty());
    secretsSource = requireNonNullElse(secretsSource, "env");
    vaultPath = requireNonNullElse(vaultPath, Optional.empty());
    host = requireNonNullElse(host, Optional.empty());
    sshPort = requireNonNullElse(sshPort, 22);
    sshUser = requireNonNullElse(sshUser, "root");
    monthlyUsd = requireNonNullElse(monthlyUsd, Optional.empty());
  }

  static BaremetalSettings of(Deployment d) {
    return ProviderSettings.read(d, "baremetal", BaremetalSettings.class);
  }
}
