package s2c.golden;

import java.io.PrintWriter;
import java.io.StringWriter;
import s2c.cli.Main;

/** Runs the CLI in-process and captures what it printed. */
record CliRun(int exit, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
