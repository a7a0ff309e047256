package s2c.golden.injection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2c.golden.injection.InjectionPropertyTest.Doc;
import s2c.pipeline.CompileResult;
import s2c.pipeline.Compiler;
import s2c.schema.Grammar;
import s2c.spi.RenderedTree;
import s2c.spi.TargetRegistry;
import s2c.write.Executables;
import s2c.write.TreeWriter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The accepted payloads, run by the real interpreters: for each payload, every free-text field that
 * renders gets it at once; the render passes every output check of its target (helm lint and
 * template, ansible-playbook --syntax-check, shellcheck, caddy validate, terraform fmt where
 * installed); then Ansible templates every variable, bash runs the shell twin (with ssh replaced by
 * a recorder) and sources the env files it would upload, sh runs the services' run scripts, and
 * Helm renders the chart. No marker file may appear, and the payload must arrive verbatim.
 */
// heavy end to end: in the e2e profile with the fresh-host tests (.ci/run runs both suites)
@org.junit.jupiter.api.Tag("slow")
class InterpreterInjectionTest {
  static final String MARKER = InjectionPropertyTest.MARKER;
  @TempDir Path tmp;

  /** A payload every target accepts in free text: no control characters. */
  static List<String> acceptedPayloads() {
    return InjectionPropertyTest.payloads(MARKER).stream()
        .filter(p -> Grammar.firstForbidden(p, false) < 0)
        .toList();
  }

  /** Every slot that renders the payload for every provider on its own (Phase A decides which). */
  static Map<Doc, JsonNode> everyFreeTextSlot(String payload, Path scratch) throws IOException {
    Map<Doc, JsonNode> known = ACCEPTED.get(payload);
    if (known != null) {
      return known;
    }
    Map<Doc, JsonNode> docs = InjectionPropertyTest.base();
    Compiler compiler = new Compiler(TargetRegistry.load());
    Map<Doc, JsonNode> out = docs;
    for (Doc doc : Doc.values()) {
      for (InputFields.Slot slot : InjectionPropertyTest.fields(doc).slots(docs.get(doc))) {
        if (slot.key()) {
          continue;
        }
        Map<Doc, JsonNode> one = InjectionPropertyTest.with(docs, doc, slot, payload);
        boolean all = true;
        for (String provider : List.of("digitalocean", "kubernetes", "baremetal")) {
          all &= compiler.render(InjectionPropertyTest.write(one, scratch, provider)).ok();
        }
        if (all) {
          out = InjectionPropertyTest.with(out, doc, slot, payload);
        }
      }
    }
    ACCEPTED.put(payload, out);
    return out;
  }

  private static final Map<String, Map<Doc, JsonNode>> ACCEPTED =
      new java.util.concurrent.ConcurrentHashMap<>();

  @Test
  void ansibleTemplatesEveryVariableAndBashRunsTheShellTwinWithoutExecutingInput()
      throws Exception {
    assumeTrue(
        Executables.onPath("ansible-playbook").isPresent(),
        "ansible-playbook is not installed: interpreter check not run");
    Compiler compiler = new Compiler(TargetRegistry.load());
    int n = 0;
    for (String payload : acceptedPayloads()) {
      Path dir = tmp.resolve("b" + n++);
      Map<Doc, JsonNode> docs = everyFreeTextSlot(payload, dir.resolve("scratch"));
      Path out = dir.resolve("out");
      TreeWriter.replace(out, injectedRender(compiler, docs, dir, "baremetal", payload));
      String marker = InjectionPropertyTest.marker(payload);

      // Ansible: template every s2c_ variable (a live lookup would run `touch` right here)
      Files.writeString(
          out.resolve("ansible/probe.yml"),
          """
          - hosts: all
            gather_facts: false
            tasks:
              - ansible.builtin.debug:
                  msg: "{{ lookup('ansible.builtin.vars', item) }}"
                loop: "{{ query('ansible.builtin.varnames', '^s2c_') }}"
          """);
      Run ansible =
          run(
              out.resolve("ansible"),
              Map.of(
                  "ANSIBLE_LOCAL_TEMP",
                  dir.resolve("ansible-tmp").toString(),
                  "ANSIBLE_NOCOLOR",
                  "1"),
              "ansible-playbook",
              "-i",
              "localhost,",
              "-c",
              "local",
              "probe.yml");
      assertThat(ansible.exit).as("ansible probe for %s: %s", payload, ansible.output).isZero();
      assertThat(ansible.output).as("the payload arrives as data").contains(marker);
      assertNoMarker(payload);

      // bash: the shell twin, with ssh recording what it would send
      Path capture = Files.createDirectories(dir.resolve("capture"));
      Path bin = Files.createDirectories(dir.resolve("bin"));
      Files.writeString(
          bin.resolve("ssh"),
          """
          #!/bin/sh
          n=$(ls "$S2C_CAPTURE" | wc -l)
          printf '%s\\n' "$@" > "$S2C_CAPTURE/$n.args"
          cat > "$S2C_CAPTURE/$n.stdin"
          exit 0
          """);
      bin.resolve("ssh").toFile().setExecutable(true);
      Path artifacts = Files.createDirectories(dir.resolve("artifacts"));
      Map<String, String> env =
          new TreeMap<>(
              Map.of(
                  "PATH",
                  bin + ":" + System.getenv("PATH"),
                  "S2C_CAPTURE",
                  capture.toString(),
                  "S2C_SSH_HOST",
                  "host.invalid",
                  "S2C_ARTIFACTS_DIR",
                  artifacts.toString()));
      for (String secret : List.of("SESSION_SECRET", "OPENROUTER_API_KEY", "WEBHOOK_TOKEN")) {
        env.put(secret, "dummy");
      }
      Run shell = run(out, env, "bash", "shell/deploy.sh");
      assertThat(shell.exit).as("shell twin for %s: %s", payload, shell.output).isZero();
      assertNoMarker(payload);

      // the env files it uploads, sourced as the run script sources them
      int envFiles = 0;
      try (var files = Files.list(capture)) {
        for (Path args : files.filter(p -> p.toString().endsWith(".args")).sorted().toList()) {
          if (!Files.readString(args).contains(".env;")) {
            continue;
          }
          envFiles++;
          Path stdin = Path.of(args.toString().replace(".args", ".stdin"));
          Run sourced =
              run(
                  dir,
                  Map.of(),
                  "sh",
                  "-c",
                  "set -a; . \"$0\"; set +a; printf '%s' \"$GREETING\"",
                  stdin.toString());
          assertThat(sourced.exit).as("sourcing the env file for %s", payload).isZero();
          if (Files.readString(stdin).contains("GREETING=")) {
            assertThat(sourced.output)
                .as("GREETING arrives verbatim")
                .isEqualTo(docs.get(Doc.BUNDLE).at("/services/0/env/GREETING").asString());
          }
          assertNoMarker(payload);
        }
      }
      assertThat(envFiles).as("env files uploaded").isGreaterThanOrEqualTo(2);

      // each service's run script starts exactly the argv it was given
      JsonNode vars =
          YAMLMapper.builder()
              .build()
              .readTree(Files.readString(out.resolve("ansible/group_vars/all.yml")));
      for (JsonNode svc : vars.path("s2c_services")) {
        Path envFile = Files.writeString(dir.resolve(svc.path("name").asString() + ".env"), "");
        String script =
            svc.path("run_script")
                .asString()
                .replace(
                    ". '/etc/s2c/inject-demo/" + svc.path("name").asString() + ".env'",
                    ". " + envFile)
                .replace(
                    ". /etc/s2c/inject-demo/" + svc.path("name").asString() + ".env",
                    ". " + envFile)
                .replace("\nexec ", "\nprintf '%s\\n' ");
        Run argv = run(dir, Map.of(), "sh", "-c", script);
        List<String> expected = new ArrayList<>();
        svc.path("argv").forEach(a -> expected.add(a.asString()));
        assertThat(argv.output.split("\n", -1))
            .as("argv of %s for %s", svc.path("name").asString(), payload)
            .containsExactlyElementsOf(withTrailingEmpty(expected));
        assertNoMarker(payload);
      }
    }
  }

  @Test
  void helmRendersThePayloadAsOneValueAndNoExtraObject() throws Exception {
    Compiler compiler = new Compiler(TargetRegistry.load());
    RenderedTree baseline =
        compiler
            .compile(
                InjectionPropertyTest.write(
                    InjectionPropertyTest.base(), tmp.resolve("base"), "kubernetes"))
            .tree()
            .orElseThrow();
    int baseObjects = objects(template(baseline, tmp.resolve("base-out"))).size();
    int n = 0;
    int checked = 0;
    for (String payload : acceptedPayloads()) {
      Path dir = tmp.resolve("k" + n++);
      Map<Doc, JsonNode> docs = everyFreeTextSlot(payload, dir.resolve("scratch"));
      List<JsonNode> objects =
          objects(
              template(
                  injectedRender(compiler, docs, dir, "kubernetes", payload), dir.resolve("out")));
      assertThat(objects).as("objects rendered for %s", payload).hasSize(baseObjects);
      JsonNode api =
          objects.stream()
              .filter(
                  o ->
                      o.path("kind").asString().equals("Deployment")
                          && o.path("metadata").path("name").asString().endsWith("-api"))
              .findFirst()
              .orElseThrow();
      JsonNode container = api.path("spec").path("template").path("spec").path("containers").get(0);
      String greeting = null;
      for (JsonNode e : container.path("env")) {
        if (e.path("name").asString().equals("GREETING")) {
          greeting = e.path("value").asString();
        }
      }
      // where the field took the payload (a field that refuses it on its own keeps its value)
      String greetingIn = docs.get(Doc.BUNDLE).at("/services/0/env/GREETING").asString();
      String commandIn = docs.get(Doc.VALUES).at("/services/api/command/2").asString();
      assertThat(greeting)
          .as("GREETING for %s", payload)
          .isEqualTo(greetingIn.replace("$(", "$$("));
      assertThat(container.path("command").get(container.path("command").size() - 1).asString())
          .isEqualTo(commandIn.replace("$(", "$$("));
      if (commandIn.equals(payload)) {
        checked++;
      }
      assertNoMarker(payload);
    }
    assertThat(checked).as("payloads that reached a container verbatim").isGreaterThan(5);
  }

  /** The render of the injected inputs, after every output check of the target passed on it. */
  private static RenderedTree injectedRender(
      Compiler compiler, Map<Doc, JsonNode> docs, Path dir, String provider, String payload)
      throws IOException {
    CompileResult result =
        compiler.compile(InjectionPropertyTest.write(docs, dir.resolve("in"), provider));
    assertThat(result.ok())
        .as(
            "full checks of the injected %s render for %s: %s",
            provider, payload, result.diagnostics())
        .isTrue();
    return result.tree().orElseThrow();
  }

  private static List<String> withTrailingEmpty(List<String> argv) {
    List<String> out = new ArrayList<>(argv);
    out.add("");
    return out;
  }

  private static String template(RenderedTree tree, Path dir) throws IOException {
    TreeWriter.replace(dir, tree);
    Path chart;
    try (var charts = Files.list(dir.resolve("chart"))) {
      chart = charts.findFirst().orElseThrow();
    }
    return new Helm(chart)
        .template()
        .withName("release")
        .withNamespace("default")
        .withKubeVersion("1.30.9")
        .call();
  }

  private static List<JsonNode> objects(String manifest) {
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it =
        YAMLMapper.builder().build().readerFor(JsonNode.class).readValues(manifest)) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isEmpty()) {
          out.add(doc);
        }
      }
    }
    return out;
  }

  private static void assertNoMarker(String payload) {
    assertThat(Path.of(MARKER)).as("a payload ran as code: %s", payload).doesNotExist();
    assertThat(Path.of(MARKER.replace("/", "_"))).doesNotExist();
  }

  record Run(int exit, String output) {}

  static Run run(Path cwd, Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(cwd, "run-", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(cwd.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " timed out");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Run(p.exitValue(), output);
  }
}
