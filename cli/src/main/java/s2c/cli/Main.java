package s2c.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point: thin picocli commands over the compiler; exit codes 0 ok, 1 diagnostics, 2 usage, 3
 * publish/verify.
 */
@Command(
    name = "scenario-to-cloud",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Compiles a Vrooli scenario into deployable cloud code (Terraform, Helm, Ansible) and validates it.")
public final class Main implements Runnable {
  /**
   * The commands, in the order help lists them. Building picocli's model of a command reflects over
   * its options: a cold start builds only the command it runs (a tenth of a second saved).
   */
  private static final java.util.LinkedHashMap<String, java.util.function.Supplier<Object>>
      COMMANDS = new java.util.LinkedHashMap<>();

  static {
    COMMANDS.put("compile", CompileCommand::new);
    COMMANDS.put("build", BuildCommand::new);
    COMMANDS.put("cost", CostCommand::new);
    COMMANDS.put("validate", ValidateCommand::new);
    COMMANDS.put("providers", ProvidersCommand::new);
    COMMANDS.put("publish", PublishCommand::new);
    COMMANDS.put("diff", DiffCommand::new);
    COMMANDS.put("history", HistoryCommand::new);
    COMMANDS.put("rollback", RollbackCommand::new);
    COMMANDS.put("verify", VerifyCommand::new);
    COMMANDS.put("to-cloud", ToCloudCommand::new);
    COMMANDS.put("serve", ServeCommand::new);
    COMMANDS.put("bench", BenchCommand::new);
    COMMANDS.put("train", TrainCommand::new);
    COMMANDS.put("help", CommandLine.HelpCommand::new);
  }

  public static final int OK = 0;
  public static final int DIAGNOSTICS = 1;
  public static final int USAGE = 2;
  public static final int PUBLISH_FAILED = 3;
  public static final int INTERNAL = 70;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, new String[0]);
  }

  /**
   * The command line for {@code args}: only the command named first, or every command for help and
   * errors.
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
    CommandLine cli = new CommandLine(new Main());
    String first = args.length > 0 ? args[0] : "";
    if (COMMANDS.containsKey(first) && !first.equals("help")) {
      cli.addSubcommand(first, COMMANDS.get(first).get());
    } else {
      COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
    }
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (ex, ignored) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("error: " + ex.getMessage());
          c.getErr().println("try '" + c.getCommandSpec().qualifiedName() + " --help'");
          c.getErr().flush();
          return USAGE;
        });
    cli.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
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
    int code = commandLine(out, err, args).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
