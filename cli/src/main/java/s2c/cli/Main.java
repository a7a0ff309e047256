package s2c.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: thin picocli commands over the compiler; exit codes 0 ok, 1 diagnostics, 2 usage, 3 publish/verify. */
@Command(
    name = "scenario-to-cloud",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Compiles a Vrooli scenario into deployable cloud code (Terraform, Helm, Ansible) and validates it.",
    subcommands = {CompileCommand.class, ValidateCommand.class, ProvidersCommand.class, PublishCommand.class, DiffCommand.class,
        HistoryCommand.class, RollbackCommand.class, ServeCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int DIAGNOSTICS = 1;
  public static final int USAGE = 2;
  public static final int PUBLISH_FAILED = 3;
  public static final int INTERNAL = 70;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("error: " + ex.getMessage());
      c.getErr().println("try '" + c.getCommandSpec().qualifiedName() + " --help'");
      c.getErr().flush();
      return USAGE;
    });
    cli.setExecutionExceptionHandler((ex, c, parsed) -> {
      // a bug, not a user error: one line, no stack trace unless asked for
      c.getErr().println("internal error: " + ex);
      if (System.getenv("S2C_DEBUG") != null) {
        ex.printStackTrace(c.getErr());
      } else {
        c.getErr().println("(set S2C_DEBUG=1 for the stack trace and please report it)");
      }
      c.getErr().flush();
      return INTERNAL;
    });
    return cli;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
    int code = commandLine(out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
