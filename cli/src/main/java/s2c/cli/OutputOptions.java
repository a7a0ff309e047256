package s2c.cli;

import picocli.CommandLine.Option;

/** --output and --verbose, shared by every command that reports. */
final class OutputOptions {
  enum Format {
    text,
    json
  }

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = {"-v", "--verbose"},
      description = "Also print info diagnostics.")
  boolean verbose;

  boolean json() {
    return format == Format.json;
  }
}
