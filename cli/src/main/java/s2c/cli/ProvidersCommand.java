package s2c.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import s2c.spi.Target;
import s2c.spi.TargetRegistry;
import s2c.write.JsonOutput;

/** {@code providers}: the provider plugins on the class path and what each maps. */
@Command(
    name = "providers",
    mixinStandardHelpOptions = true,
    description = "List provider plugins, their formats and mappings.")
final class ProvidersCommand implements Callable<Integer> {
  @CommandLine.Mixin OutputOptions output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<Target> targets = TargetRegistry.load().all();
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      out.print(JsonOutput.write(Map.of("providers", TargetRegistry.load().descriptions())));
    } else {
      for (Target t : targets) {
        out.println(
            t.id()
                + (t.aliases().isEmpty() ? "" : " (alias " + String.join(", ", t.aliases()) + ")")
                + " — "
                + String.join(", ", t.formats()));
        out.println("  " + t.description());
        t.mappings().forEach((k, v) -> out.println("  " + k + ": " + v));
        if (!t.resourceCatalogue().isEmpty()) {
          out.println("  resources:");
          t.resourceCatalogue()
              .forEach(
                  (type, s) ->
                      out.println(
                          "    "
                              + type
                              + ": "
                              + s.placement().name().toLowerCase(java.util.Locale.ROOT)
                              + " — "
                              + s.how()));
        }
      }
    }
    out.flush();
    return Main.OK;
  }
}
