package s2c.targets.baremetal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import s2c.diag.Diagnostic;
import s2c.model.Deployment;
import s2c.spi.Checks;
import s2c.spi.RenderContext;
import s2c.spi.RenderResult;
import s2c.spi.RenderedTree;
import s2c.spi.Target;
import s2c.write.TextTemplates;
import s2c.write.YamlOutput;

/**
 * A Debian/Ubuntu host over SSH: an Ansible project (generic roles + generated variables) and a
 * plain-shell twin.
 */
public final class BaremetalTarget implements Target {
  static final List<String> STATIC =
      List.of(
          "ansible.cfg",
          "site.yml",
          "rollback.yml",
          "roles/preflight/tasks/main.yml",
          "roles/runtime/tasks/main.yml",
          "roles/release/tasks/main.yml",
          "roles/secrets/tasks/main.yml",
          "roles/secrets/templates/env.j2",
          "roles/resources/tasks/main.yml",
          "roles/services/tasks/main.yml",
          "roles/services/tasks/restart.yml",
          "roles/services/handlers/main.yml",
          "roles/edge/tasks/main.yml",
          "roles/health/tasks/main.yml");

  /** The env names of the secrets a deploy reads, one per line: the CI exports them (CiJob). */
  static final String SECRET_NAMES = "ci-secrets.txt";

  @Override
  public String id() {
    return "baremetal";
  }

  @Override
  public List<String> aliases() {
    return List.of("vps", "ansible");
  }

  @Override
  public String description() {
    return "A Debian/Ubuntu host over SSH: Ansible playbook (systemd or supervisor, Caddy with automatic TLS) and a plain-shell twin";
  }

  @Override
  public List<String> formats() {
    return List.of("ansible", "shell");
  }

  @Override
  public SortedMap<String, String> mappings() {
    TreeMap<String, String> m = new TreeMap<>();
    m.put(
        "service",
        "a systemd unit or supervisor program running the linux-x64 binary from /opt/<scenario>/current");
    m.put(
        "release",
        "/opt/<scenario>/releases/<id>, current switched atomically, last N kept, previous kept for rollback");
    m.put(
        "health",
        "http/tcp/command checks after every deploy; failure switches back to the previous release");
    m.put(
        "resource postgres/redis", "Debian packages (postgresql, redis-server) wired through env");
    m.put(
        "resource other",
        "external only (mode: external → URL as a deploy-time secret); else left out or an error");
    m.put(
        "secret user_prompt/remote_fetch",
        "0600 env file written at deploy time from the CI environment (lookup env) or Vault, no_log");
    m.put("secret per_install_generated", "generated once on the host, kept across redeploys");
    m.put("secret infrastructure", "never deployed");
    m.put("edge", "Caddy reverse proxy; a domain address gets automatic TLS");
    return m;
  }

  @Override
  public RenderResult render(Deployment d, RenderContext context) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    HostPlan plan = new HostPlan(d, diagnostics);
    HostVars vars = plan.vars();
    RenderedTree.Builder tree = RenderedTree.builder();
    for (String file : STATIC) {
      tree.text("ansible/" + file, resource("ansible/" + file));
    }
    tree.text("ansible/group_vars/all.yml", AnsibleData.write(vars.asMap()));
    tree.text("ansible/inventory.example.yml", YamlOutput.write(inventory(d, plan)));
    String site =
        TextTemplates.render(getClass(), "site.caddy.mustache", ShellScope.caddy(d, plan, vars));
    if (vars.edge()) {
      tree.text("ansible/roles/edge/files/" + d.scenario() + ".caddy", site);
    }
    Map<String, Object> scope = ShellScope.of(d, plan, vars, context, site);
    s2c.cost.CostEstimate cost = HostCosts.of(d, BaremetalSettings.of(d), vars.minMemoryMb());
    scope.put("costTable", cost.markdown());
    tree.text(
        "shell/deploy.sh", TextTemplates.render(getClass(), "shell-deploy.sh.mustache", scope));
    tree.text(
        "shell/rollback.sh", TextTemplates.render(getClass(), "shell-rollback.sh.mustache", scope));
    tree.text("deploy.sh", TextTemplates.render(getClass(), "deploy.sh.mustache", scope));
    if (!plan.secretEnvNames().isEmpty()) {
      tree.text(SECRET_NAMES, String.join("\n", plan.secretEnvNames()) + "\n");
    }
    tree.text("Makefile", TextTemplates.render(getClass(), "Makefile.mustache", scope));
    tree.text("README.md", TextTemplates.render(getClass(), "README.md.mustache", scope));
    return new RenderResult(tree.build(), diagnostics, java.util.Optional.of(cost));
  }

  @Override
  public java.util.Optional<s2c.spi.CiJob> ciJob() {
    return java.util.Optional.of(
        new s2c.spi.CiJob(
            "Ansible",
            // a pull request has no access to the host: the playbook's syntax is what can be
            // checked
            List.of("(cd \"$dir/ansible\" && ansible-playbook --syntax-check site.yml)"),
            List.of(
                "(cd \"$dir/ansible\" && ansible-playbook -i \"${ANSIBLE_INVENTORY:-inventory.yml}\" site.yml)"),
            // no drift check: a playbook run in check mode reports changes, not an exit code
            List.of(),
            List.of("ANSIBLE_*", "VAULT_*", "S2C_SSH_*"),
            List.of(
                s2c.write.Ordered.map(
                    "name", "Install Ansible", "run", "pipx install --include-deps ansible")),
            "python:3.12-slim",
            List.of(
                "apt-get update -qq && apt-get install -y -qq git jq openssh-client",
                "pip install --quiet ansible"),
            // the secrets the playbook reads from the environment (secrets_source env)
            java.util.Optional.of(SECRET_NAMES)));
  }

  @Override
  public java.util.SortedMap<String, s2c.spi.ImportedSetting> cloudManifestSettings(
      tools.jackson.databind.JsonNode manifest) {
    return CloudManifestSettings.read(manifest);
  }

  @Override
  public tools.jackson.databind.JsonNode settingsSchema() {
    return s2c.spi.ProviderSettings.schema("s2c/targets/baremetal/settings.schema.json");
  }

  /** The host runs the resources Debian packages; the others only as endpoints run elsewhere. */
  static final java.util.SortedMap<String, s2c.spi.ResourceSupport> CATALOGUE = catalogue();

  @Override
  public java.util.SortedMap<String, s2c.spi.ResourceSupport> resourceCatalogue() {
    return CATALOGUE;
  }

  private static java.util.SortedMap<String, s2c.spi.ResourceSupport> catalogue() {
    java.util.TreeMap<String, s2c.spi.ResourceSupport> out = new java.util.TreeMap<>();
    s2c.spi.ResourceSupport postgres =
        s2c.spi.ResourceSupport.hostPackage(
            "Debian's postgresql, a database and user per scenario");
    s2c.spi.ResourceSupport redis =
        s2c.spi.ResourceSupport.hostPackage("Debian's redis-server on 127.0.0.1");
    out.put("postgres", postgres);
    out.put("postgresql", postgres);
    out.put("redis", redis);
    out.put("valkey", redis);
    out.put(
        s2c.spi.ResourceSupport.ANY_OTHER,
        s2c.spi.ResourceSupport.externalOnly(
            "mode: external, its URL a deploy-time secret; otherwise left out (optional) or an error (required)"));
    return java.util.Collections.unmodifiableSortedMap(out);
  }

  @Override
  public List<String> externalChecks() {
    return ToolChecks.PROGRAMS;
  }

  @Override
  public List<Diagnostic> validate(RenderedTree tree, String displayRoot, Checks checks) {
    List<Diagnostic> out = new ArrayList<>(AnsibleDataCheck.check(tree, displayRoot));
    out.addAll(HostToolsCheck.check(tree, displayRoot));
    if (checks == Checks.FULL) {
      out.addAll(ToolChecks.run(tree, displayRoot));
    }
    return out;
  }

  private static Map<String, Object> inventory(Deployment d, HostPlan plan) {
    Map<String, Object> host = new LinkedHashMap<>();
    host.put("ansible_host", plan.settings().host().orElse(d.domain().orElse("203.0.113.10")));
    host.put("ansible_port", plan.settings().sshPort());
    host.put("ansible_user", plan.settings().sshUser());
    return Map.of("all", Map.of("hosts", Map.of(d.instance(), host)));
  }

  static String resource(String name) {
    return TextTemplates.resource(BaremetalTarget.class, name);
  }
}
