package s2c.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import s2c.cost.CostEstimate;
import s2c.cost.CostLine;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.spi.TargetRegistry;
import s2c.write.JsonOutput;

/**
 * {@code cost}: the monthly estimate of what a compile would render, line by line, without writing
 * anything.
 */
@Command(
    name = "cost",
    mixinStandardHelpOptions = true,
    description =
        "Estimate what the render costs a month at list prices (each line's price, quantity and"
            + " source; usage-based items as stated assumptions); writes nothing.")
final class CostCommand implements Callable<Integer> {
  @CommandLine.Mixin CompileInputs inputs;

  @CommandLine.Mixin OutputOptions output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    CompileResult result = new Compiler(TargetRegistry.load()).compile(inputs.request());
    PrintWriter out = spec.commandLine().getOut();
    // a render with errors would not apply: its price is no answer
    java.util.Optional<CostEstimate> cost =
        result.ok() ? result.cost() : java.util.Optional.empty();
    if (output.json()) {
      Map<String, Object> report = CompileReport.header(result);
      report.put("cost", cost.map(CostEstimate::toJson).orElse(null));
      report.put("diagnostics", DiagnosticPrinter.json(result.diagnostics()));
      out.print(JsonOutput.write(report));
    } else {
      DiagnosticPrinter.text(result.diagnostics(), output.verbose, spec.commandLine().getErr());
      cost.ifPresent(c -> table(c, out));
    }
    out.flush();
    spec.commandLine().getErr().flush();
    return result.ok() ? Main.OK : Main.DIAGNOSTICS;
  }

  private static void table(CostEstimate cost, PrintWriter out) {
    String row = "%-24s %-48s %12s %-12s %10s  %s%n";
    out.printf(row, "RESOURCE", "ITEM", "QUANTITY", "UNIT", "USD/MONTH", "BASIS");
    for (CostLine l : cost.lines()) {
      out.printf(
          row,
          l.resource(),
          l.kind(),
          l.quantity().stripTrailingZeros().toPlainString(),
          l.unit(),
          l.monthlyUsd().map(m -> m.toPlainString()).orElse("-"),
          l.basis().wire() + (l.note().isEmpty() ? "" : ": " + l.note()));
    }
    out.printf(row, "TOTAL", "", "", "", cost.monthlyUsd().toPlainString(), cost.currency());
    out.println(
        "prices: "
            + cost.priceBook()
            + " as of "
            + cost.pricesAsOf()
            + " (sources in the price book)");
    cost.assumptions().forEach(a -> out.println("assumes: " + a));
  }
}
