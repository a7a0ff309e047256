package s2c.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Option;
import s2c.diag.Diagnostic;
import s2c.diag.Diagnostics;
import s2c.load.DocumentReader;
import s2c.pipeline.CompileRequest;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.pipeline.InputDocument;
import s2c.spi.FanOut;
import s2c.spi.RenderedTree;
import s2c.spi.TargetRegistry;
import s2c.tenants.TenantsFile;

/**
 * {@code --tenants}: every tenant × environment of a tenants file compiled in this JVM, in parallel
 * (at most {@code --jobs} at a time), each validated like a single compile; a failing tenant fails
 * the whole fan-out with its diagnostics prefixed by {@code tenant/env}.
 */
final class TenantFanOut {
  /** The options compile, publish and diff share. */
  static final class Options {
    @Option(
        names = "--tenants",
        paramLabel = "FILE",
        description =
            "tenants.yaml: render every tenant x environment into {scenario}/{tenant}/{env}/{provider}"
                + " (publish: in one commit).")
    Path tenants;

    @Option(
        names = "--only",
        paramLabel = "TENANT",
        split = ",",
        description = "With --tenants: only these tenants (comma-separated ids).")
    List<String> only = new ArrayList<>();

    @Option(
        names = "--jobs",
        paramLabel = "N",
        description = "With --tenants: renders at once (default: the number of cores).")
    Integer jobs;

    boolean active() {
      return tenants != null;
    }

    int parallelism() {
      return jobs != null && jobs > 0 ? jobs : Runtime.getRuntime().availableProcessors();
    }
  }

  /** One tenant × environment, compiled. */
  record Member(TenantsFile.Instance instance, CompileResult result) {}

  /** Every member compiled (or the diagnostics that stopped it), and the fan-out's own files. */
  record Result(
      List<Diagnostic> diagnostics, List<Member> members, SortedMap<String, byte[]> gitopsFiles) {
    boolean ok() {
      return diagnostics.stream().noneMatch(Diagnostic::isError) && !members.isEmpty();
    }
  }

  private TenantFanOut() {}

  static Result render(
      TargetRegistry targets, CompileRequest base, Options options, String template)
      throws InterruptedException {
    Diagnostics diagnostics = new Diagnostics();
    Optional<TenantsFile> file =
        DocumentReader.read(options.tenants, options.tenants.toString(), diagnostics)
            .flatMap(doc -> TenantsFile.read(doc, diagnostics));
    Optional<List<TenantsFile.Instance>> instances =
        file.flatMap(f -> f.instances(new LinkedHashSet<>(options.only), diagnostics));
    if (instances.isEmpty()) {
      return new Result(diagnostics.sorted(), List.of(), new TreeMap<>());
    }
    Compiler compiler = new Compiler(targets);
    List<Future<CompileResult>> futures = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(options.parallelism());
    try {
      for (TenantsFile.Instance i : instances.get()) {
        List<InputDocument> layers =
            i.layers().stream().map(l -> InputDocument.inline(l.name(), l.json())).toList();
        CompileRequest request = base.forTenant(i.environment(), layers);
        futures.add(pool.submit(() -> compiler.compile(request)));
      }
      List<Member> members = new ArrayList<>();
      List<Diagnostic> all = new ArrayList<>(diagnostics.all());
      for (int n = 0; n < futures.size(); n++) {
        TenantsFile.Instance i = instances.get().get(n);
        CompileResult r = futures.get(n).get();
        r.diagnostics().forEach(d -> all.add(prefixed(i.label(), d)));
        members.add(new Member(i, r));
      }
      boolean failed = all.stream().anyMatch(Diagnostic::isError);
      SortedMap<String, byte[]> gitops = new TreeMap<>();
      if (!failed) {
        CompileResult first = members.get(0).result();
        String scenario = first.deployment().orElseThrow().scenario();
        List<FanOut.Member> fanOutMembers = new ArrayList<>();
        for (Member m : members) {
          fanOutMembers.add(
              new FanOut.Member(
                  m.instance().tenant(),
                  m.instance().environment(),
                  path(template, scenario, m),
                  m.result().deployment().orElseThrow()));
        }
        gitops.putAll(
            targets
                .find(first.provider())
                .orElseThrow()
                .fanOutFiles(new FanOut(scenario, first.provider(), template, fanOutMembers)));
      }
      return new Result(List.copyOf(all), members, gitops);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** {@code {scenario}/{tenant}/{env}/{provider}} of one member. */
  static String path(String template, String scenario, Member m) {
    return template
        .replace("{scenario}", scenario)
        .replace("{tenant}", m.instance().tenant())
        .replace("{env}", m.instance().environment())
        .replace("{provider}", m.result().provider());
  }

  static Diagnostic prefixed(String label, Diagnostic d) {
    return new Diagnostic(d.severity(), d.code(), d.at(), label + ": " + d.message(), d.hint());
  }

  static RenderedTree tree(Member m) {
    return m.result().tree().orElseThrow();
  }
}
