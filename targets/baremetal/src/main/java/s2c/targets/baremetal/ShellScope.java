package s2c.targets.baremetal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import s2c.model.Deployment;
import s2c.spi.RenderContext;
import s2c.write.ShellWords;

/**
 * What the text templates (shell scripts, Caddy site, README) need, every value already quoted for
 * its place.
 */
final class ShellScope {
  private ShellScope() {}

  static Map<String, Object> caddy(Deployment d, HostPlan plan, HostVars vars) {
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("scenario", d.scenario());
    scope.put("environment", d.environment());
    scope.put("address", plan.settings().edgeAddress().orElse(d.domain().orElse(":80")));
    String email = plan.settings().caddyEmail().orElse("");
    scope.put("email", email.isEmpty() ? List.of() : List.of(email));
    List<Map<String, Object>> routes = new ArrayList<>();
    for (HostVars.Route r : vars.routes()) {
      String path = r.path();
      routes.add(
          Map.of(
              "matcher",
              path.equals("/") ? "" : " " + path.replaceAll("/+$", "") + "*",
              "upstream",
              r.upstream()));
    }
    scope.put("routes", routes);
    scope.put("hasPublic", !routes.isEmpty());
    List<Map<String, Object>> fronts = new ArrayList<>();
    for (HostVars.Front f : vars.fronts()) {
      fronts.add(Map.of("name", f.name(), "port", f.port(), "scenario", d.scenario()));
    }
    scope.put("fronts", fronts);
    return scope;
  }

  static Map<String, Object> of(
      Deployment d, HostPlan plan, HostVars vars, RenderContext context, String caddySite) {
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("scenario", d.scenario());
    scope.put("environment", d.environment());
    scope.put("version", d.appVersion());
    scope.put("shellFormat", "shell".equals(plan.settings().format()));
    scope.put("versionWord", ShellWords.quote(d.appVersion()));
    scope.put("compilerVersion", context.compilerVersion());
    scope.put("user", vars.user());
    scope.put("root", vars.root());
    scope.put("configDir", vars.configDir());
    scope.put("dataDir", vars.dataDir());
    scope.put("logDir", vars.logDir());
    scope.put("processManager", vars.processManager());
    boolean systemd = "systemd".equals(vars.processManager());
    scope.put("systemd", systemd);
    scope.put("supervisor", !systemd);
    scope.put("lockWait", vars.lockWait());
    scope.put("lockAcquire", vars.lockAcquire().strip());
    scope.put("lockRelease", vars.lockRelease().strip());
    scope.put("digestCommand", vars.digestCommand());
    scope.put("caddyImport", vars.caddyImport().strip());
    scope.put("keepReleases1", vars.keepReleases() + 1);
    List<String> packages = new ArrayList<>(vars.packages());
    List<String> resourceServices = new ArrayList<>();
    List<Map<String, Object>> postgres = new ArrayList<>();
    for (HostVars.ResourceVars r : vars.resources()) {
      packages.addAll(r.packages());
      resourceServices.add(r.service());
      if ("postgres".equals(r.type())) {
        postgres.add(
            Map.of(
                "dbUser",
                r.dbUser().orElseThrow(),
                "dbName",
                r.dbName().orElseThrow(),
                "passwordSecret",
                r.passwordSecret().orElseThrow()));
      }
    }
    if (!systemd) {
      packages.add("supervisor");
    }
    if (!vars.routes().isEmpty()) {
      packages.add("caddy");
    }
    scope.put(
        "apt",
        packages.isEmpty() ? List.of() : List.of(Map.of("words", ShellWords.join(packages))));
    scope.put("hasResources", !resourceServices.isEmpty());
    scope.put("resourceServices", resourceServices);
    scope.put("postgres", postgres);
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (HostVars.InputSecret s : vars.inputSecrets()) {
      inputs.add(Map.of("id", s.id(), "env", s.env(), "ref", "${" + s.env() + ":-}"));
    }
    scope.put("inputSecrets", inputs);
    scope.put(
        "secretNames",
        String.join(", ", inputs.stream().map(m -> m.get("env").toString()).toList()));
    scope.put("generatedSecrets", vars.generatedSecrets());
    List<Map<String, Object>> services = new ArrayList<>();
    List<Map<String, Object>> checks = new ArrayList<>();
    for (HostVars.ServiceVars s : vars.services()) {
      Map<String, Object> svc = new LinkedHashMap<>();
      svc.put("name", s.name());
      svc.put("runScript", s.runScript().strip());
      svc.put("unit", s.unit().strip());
      svc.put("unitFile", s.unitFile());
      svc.put("inPlace", !s.switchable());
      svc.put("program", s.program().strip());
      svc.put("workdir", s.workdir());
      svc.put("priority", 100 + s.order());
      List<Map<String, Object>> env = new ArrayList<>();
      s.env().forEach((k, v) -> env.add(Map.of("key", k, "value", ShellWords.quote(v))));
      svc.put("env", env);
      List<Map<String, Object>> in = new ArrayList<>();
      List<Map<String, Object>> gen = new ArrayList<>();
      for (HostVars.SecretUse sec : s.secrets()) {
        if (sec.generated()) {
          gen.add(
              Map.of(
                  "env",
                  sec.env(),
                  "id",
                  sec.id(),
                  "prefix",
                  sec.prefix().orElse(""),
                  "suffix",
                  sec.suffix().orElse("")));
        } else {
          in.add(Map.of("env", sec.env(), "ref", "${" + sec.env() + "}"));
        }
      }
      svc.put("inputs", in);
      svc.put("generated", gen);
      services.add(svc);
      HostVars.Health h = s.health();
      if (s.critical() && !"none".equals(h.type())) {
        String probe =
            switch (h.type()) {
              // bash's /dev/tcp, not curl: a fresh host has no curl (the playbook uses its uri
              // module)
              case "http" ->
                  HostUnits.httpProbe(
                      String.valueOf(h.port().orElseThrow()),
                      ShellWords.quote(h.path()),
                      String.valueOf(h.timeout()));
              case "tcp" ->
                  "(exec 3<>/dev/tcp/127.0.0.1/" + h.port().orElseThrow() + ") 2>/dev/null";
              default ->
                  "(cd "
                      + ShellWords.quote(vars.root() + "/current/" + s.workdir())
                      + " && "
                      + ShellWords.join(h.command())
                      + ")";
            };
        checks.add(
            Map.of("name", s.name(), "probe", probe, "retries", h.retries(), "delay", h.delay()));
      }
    }
    scope.put("services", services);
    List<String> inPlace =
        services.stream()
            .filter(m -> Boolean.TRUE.equals(m.get("inPlace")))
            .map(m -> d.scenario() + "-" + m.get("name"))
            .toList();
    String restart =
        inPlace.isEmpty()
            ? "true"
            : (systemd ? "systemctl restart " : "supervisorctl restart ")
                + String.join(" ", inPlace)
                + " >/dev/null";
    boolean cutover = !vars.cutover().isEmpty();
    // the rollbacks: the services restarted in place, and the switched ones switched to the
    // restored release
    scope.put(
        "restartCommand",
        cutover ? restart + "\n" + vars.configDir() + "/cutover >/dev/null" : restart);
    scope.put("hasCutover", cutover);
    scope.put("cutoverScript", vars.cutover().strip());
    scope.put("healthChecks", checks);
    scope.put("hasEdge", vars.edge());
    scope.put("caddySite", caddySite.strip());
    return scope;
  }
}
