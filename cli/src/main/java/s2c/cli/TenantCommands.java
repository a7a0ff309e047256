package s2c.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import s2c.gitops.ChangeSummary;
import s2c.gitops.FanOutPublisher;
import s2c.gitops.PathTemplate;
import s2c.gitops.PublishException;
import s2c.gitops.PublishGuards;
import s2c.gitops.PublishRefused;
import s2c.gitops.Trailers;
import s2c.model.Deployment;
import s2c.pipeline.CompilerVersion;
import s2c.spi.RenderedTree;
import s2c.spi.TargetRegistry;
import s2c.write.JsonOutput;
import s2c.write.TreeWriter;

/** compile and publish with {@code --tenants}: the fan-out's writes, commit and report. */
final class TenantCommands {
  private TenantCommands() {}

  /**
   * The template of a fan-out: the given one when it has {tenant}, the tenant default for the
   * default.
   */
  static PathTemplate template(PathTemplate given) {
    if (given.hasTenant()) {
      if (!java.util.Arrays.asList(given.template().split("/")).contains("{tenant}")) {
        throw new IllegalArgumentException(
            "--path-template must have {tenant} as a whole segment: " + given.template());
      }
      return given;
    }
    if (given.template().equals(PathTemplate.DEFAULT)) {
      return new PathTemplate(PathTemplate.TENANT_DEFAULT);
    }
    throw new IllegalArgumentException(
        "with --tenants, --path-template needs a {tenant} segment, e.g. "
            + PathTemplate.TENANT_DEFAULT);
  }

  /** {@code compile --tenants}: each member under {@code out/<its directory>}. */
  static int compile(
      TenantFanOut.Result result,
      PathTemplate template,
      Path out,
      OutputOptions output,
      PrintWriter stdout,
      PrintWriter stderr)
      throws IOException {
    if (!output.json()) {
      DiagnosticPrinter.text(result.diagnostics(), output.verbose, stderr);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    if (result.ok()) {
      String scenario = scenario(result);
      for (TenantFanOut.Member m : result.members()) {
        String path = TenantFanOut.path(template.template(), scenario, m);
        TreeWriter.replace(out.resolve(path), TenantFanOut.tree(m));
        rows.add(row(m, path, Optional.empty()));
      }
      if (!result.gitopsFiles().isEmpty()) {
        TreeWriter.replace(
            out.resolve(gitopsDir(template, scenario, provider(result))),
            RenderedTree.of(result.gitopsFiles()));
      }
    }
    if (output.json()) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("ok", result.ok());
      report.put("tenants", rows);
      report.put("diagnostics", DiagnosticPrinter.json(result.diagnostics()));
      stdout.print(JsonOutput.write(report));
    } else if (result.ok()) {
      stdout.println("wrote " + rows.size() + " deployments to " + out);
      rows.forEach(r -> stdout.println("  " + r.get("path") + "  " + r.get("cost") + " a month"));
    }
    stdout.flush();
    return result.ok() ? Main.OK : Main.DIAGNOSTICS;
  }

  /**
   * {@code publish --tenants}: every member's directory and the fan-out's own objects in one
   * commit; a tenant that left the file is removed only with {@code --allow-destroy}. Nothing is
   * written locally (thousands of directories; {@code compile --tenants} writes them). With {@code
   * preview} ({@code diff --tenants}) nothing is committed: the same table says what would change.
   */
  static int publish(
      TenantFanOut.Result result,
      TargetRegistry targets,
      RepoOptions repo,
      PathTemplate template,
      Optional<BigDecimal> approvedCost,
      boolean allowDestroy,
      Optional<String> body,
      Map<String, byte[]> rootFiles,
      Review review,
      boolean preview,
      OutputOptions output,
      PrintWriter stdout,
      PrintWriter stderr) {
    if (!output.json()) {
      DiagnosticPrinter.text(result.diagnostics(), output.verbose, stderr);
    }
    if (!result.ok()) {
      if (output.json()) {
        stdout.print(
            JsonOutput.write(
                Map.of("ok", false, "diagnostics", DiagnosticPrinter.json(result.diagnostics()))));
        stdout.flush();
      } else if (!preview) {
        stderr.println("nothing was committed");
        stderr.flush();
      }
      return Main.DIAGNOSTICS;
    }
    String scenario = scenario(result);
    String provider = provider(result);
    List<FanOutPublisher.Entry> entries = new ArrayList<>();
    Map<String, TenantFanOut.Member> byPath = new LinkedHashMap<>();
    for (TenantFanOut.Member m : result.members()) {
      Deployment d = m.result().deployment().orElseThrow();
      String path = TenantFanOut.path(template.template(), scenario, m);
      byPath.put(path, m);
      entries.add(
          new FanOutPublisher.Entry(
              path,
              TenantFanOut.tree(m).files(),
              new PublishGuards(
                  d.guardrails(), approvedCost, allowDestroy, targets.statefulTypes(), path)));
    }
    // always an entry: when the target renders no such objects any more, its old ones go
    entries.add(
        new FanOutPublisher.Entry(
            gitopsDir(template, scenario, provider),
            result.gitopsFiles(),
            s2c.gitops.ChangeGate.NONE));
    Deployment first = result.members().get(0).result().deployment().orElseThrow();
    long tenants = result.members().stream().map(m -> m.instance().tenant()).distinct().count();
    Map<String, String> trailers = new LinkedHashMap<>();
    trailers.put(Trailers.SCENARIO, scenario);
    trailers.put(Trailers.PROVIDER, provider);
    trailers.put("S2C-Tenants", String.valueOf(tenants));
    trailers.put(Trailers.COMPILER, CompilerVersion.VERSION);
    approvedCost.ifPresent(a -> trailers.put(Trailers.APPROVED_COST, a.toPlainString()));
    String subject =
        "Deploy "
            + scenario
            + " "
            + first.appVersion()
            + " to "
            + provider
            + " for "
            + tenants
            + " tenants ("
            + result.members().size()
            + " deployments)";
    try {
      String url = repo.url();
      FanOutPublisher.Request request =
          new FanOutPublisher.Request(
              url,
              repo.branch(),
              repo.baseBranch,
              entries,
              template.anyTenant(scenario, provider),
              allowDestroy,
              subject,
              body,
              trailers,
              repo.access(),
              repo.maxAttempts,
              rootFiles);
      if (preview) {
        FanOutPublisher.Outcome outcome = new FanOutPublisher().preview(request);
        report(outcome, byPath, url, output, stdout, true);
        return outcome.unchanged() ? Main.OK : Main.DIAGNOSTICS;
      }
      FanOutPublisher.Outcome outcome = new FanOutPublisher().publish(request);
      report(outcome, byPath, url, output, stdout, false);
      if (repo.reviewBranch() && !outcome.unchanged()) {
        List<Map<String, Object>> rows = new ArrayList<>();
        byPath.forEach(
            (path, m) -> rows.add(row(m, path, Optional.ofNullable(outcome.changed().get(path)))));
        String description = "## " + subject + "\n\n" + table(rows, outcome.removed());
        if (review.descriptionFile().isPresent()) {
          java.nio.file.Files.writeString(review.descriptionFile().get(), description);
        }
        if (review.forge().isPresent()) {
          String pr =
              s2c.gitops.ForgeClient.fromEnvironment(review.forge().get(), url)
                  .open(repo.branch(), repo.baseBranch, subject, description);
          stdout.println("  pull request: " + pr);
          stdout.flush();
        }
      }
      return Main.OK;
    } catch (PublishRefused refused) {
      if (output.json()) {
        stdout.print(
            JsonOutput.write(
                Map.of("ok", false, "diagnostics", DiagnosticPrinter.json(refused.refusals()))));
        stdout.flush();
      } else {
        DiagnosticPrinter.text(refused.refusals(), output.verbose, stderr);
        stderr.println("nothing was committed");
        stderr.flush();
      }
      return Main.DIAGNOSTICS;
    } catch (PublishException | IOException e) {
      stderr.println("error: " + e.getMessage());
      stderr.flush();
      return Main.PUBLISH_FAILED;
    }
  }

  private static void report(
      FanOutPublisher.Outcome outcome,
      Map<String, TenantFanOut.Member> byPath,
      String url,
      OutputOptions output,
      PrintWriter stdout,
      boolean preview) {
    List<Map<String, Object>> rows = new ArrayList<>();
    byPath.forEach(
        (path, m) -> {
          ChangeSummary s = outcome.changed().get(path);
          rows.add(row(m, path, Optional.ofNullable(s)));
        });
    String safeUrl = s2c.gitops.Redaction.redact(url);
    if (output.json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ok", true);
      m.put(preview ? "identical" : "unchanged", outcome.unchanged());
      m.put(preview ? "tip" : "commit", outcome.commitId());
      m.put("repo", safeUrl);
      m.put("branch", outcome.branch());
      m.put("attempts", outcome.attempts());
      m.put("changed", outcome.changed().size());
      m.put("untouched", outcome.untouched());
      m.put("removed", outcome.removed());
      m.put("tenants", rows);
      stdout.print(JsonOutput.write(m));
    } else {
      String headline;
      if (outcome.unchanged()) {
        headline =
            (preview ? "identical" : "unchanged")
                + ": all "
                + byPath.size()
                + " deployments already match"
                + (preview ? "" : "; no commit")
                + " (tip "
                + outcome.commitId()
                + ")";
      } else if (preview) {
        headline =
            outcome.changed().size()
                + " of "
                + byPath.size()
                + " deployments would change, "
                + outcome.removed().size()
                + " would be removed (against "
                + outcome.commitId()
                + ")";
      } else {
        headline = "published " + outcome.commitId() + " to " + safeUrl + " " + outcome.branch();
      }
      stdout.println(headline);
      stdout.print(table(rows, outcome.removed()));
    }
    stdout.flush();
  }

  /** The per-tenant table of a fan-out, in Markdown (also a pull request's description). */
  static String table(List<Map<String, Object>> rows, List<String> removed) {
    StringBuilder t = new StringBuilder();
    t.append("| tenant | env | directory | added | changed | removed | monthly cost |\n");
    t.append("|---|---|---|---|---|---|---|\n");
    for (Map<String, Object> r : rows) {
      t.append("| ")
          .append(
              String.join(
                  " | ",
                  List.of("tenant", "environment", "path", "added", "changed", "removed", "cost")
                      .stream()
                      .map(k -> String.valueOf(r.get(k)))
                      .toList()))
          .append(" |\n");
    }
    removed.forEach(dir -> t.append("| (removed) | | ").append(dir).append(" | | | all | |\n"));
    return t.toString();
  }

  /** With {@code --branch}: the pull request's description to a file or stdout, and the PR. */
  record Review(Optional<Path> descriptionFile, Optional<s2c.gitops.ForgeClient.Forge> forge) {
    static Review none() {
      return new Review(Optional.empty(), Optional.empty());
    }
  }

  private static Map<String, Object> row(
      TenantFanOut.Member m, String path, Optional<ChangeSummary> change) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("tenant", m.instance().tenant());
    r.put("environment", m.instance().environment());
    r.put("path", path);
    BigDecimal monthly = m.result().cost().map(c -> c.monthlyUsd()).orElse(null);
    r.put("monthly_usd", monthly);
    r.put("added", change.map(c -> c.filesAdded().size()).orElse(0));
    r.put("changed", change.map(c -> c.filesChanged().size()).orElse(0));
    r.put("removed", change.map(c -> c.filesRemoved().size()).orElse(0));
    Optional<BigDecimal> before = change.flatMap(c -> c.cost()).flatMap(c -> c.before());
    r.put(
        "cost",
        monthly == null
            ? "unpriced"
            : before
                .filter(b -> b.compareTo(monthly) != 0)
                .map(b -> "$" + b.toPlainString() + " → $" + monthly.toPlainString())
                .orElse("$" + monthly.toPlainString()));
    return r;
  }

  private static String scenario(TenantFanOut.Result result) {
    return result.members().get(0).result().deployment().orElseThrow().scenario();
  }

  private static String provider(TenantFanOut.Result result) {
    return result.members().get(0).result().provider();
  }

  /** {@code <segments before {tenant}>/_gitops/<provider>}: no tenant id starts with '_'. */
  static String gitopsDir(PathTemplate template, String scenario, String provider) {
    String[] parts = template.template().split("/");
    StringBuilder dir = new StringBuilder();
    for (String part : parts) {
      if (part.equals("{tenant}")) {
        break;
      }
      dir.append(part.replace("{scenario}", scenario).replace("{provider}", provider)).append('/');
    }
    return dir + "_gitops/" + provider;
  }
}
