package s2c.cli;

import picocli.CommandLine.Option;
import s2c.spi.Checks;

/** {@code --checks fast|full}: whether output validation may start external programs. */
final class ChecksOption {
  enum Policy {
    fast,
    full
  }

  @Option(
      names = "--checks",
      paramLabel = "fast|full",
      defaultValue = "full",
      description =
          "Output checks: full also runs the external programs a target knows (terraform fmt, ansible-playbook, "
              + "shellcheck, caddy) where installed; fast runs only in-process rules and starts no program (default: ${DEFAULT-VALUE}).")
  Policy policy = Policy.full;

  Checks policy() {
    return policy == Policy.fast ? Checks.FAST : Checks.FULL;
  }
}
