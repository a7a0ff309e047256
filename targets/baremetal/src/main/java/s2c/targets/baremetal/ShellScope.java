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

  @SuppressWarnings("unchecked")
  static Map<String, Object> caddy(Deployment d, HostPlan plan, Map<String, Object> vars) {
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("scenario", d.scenario());
    scope.put("environment", d.environment());
    scope.put("address", plan.settings().edgeAddress().orElse(d.domain().orElse(":80")));
    String email = plan.settings().caddyEmail().orElse("");
    scope.put("email", email.isEmpty() ? List.of() : List.of(email));
    List<Map<String, Object>> routes = new ArrayList<>();
    for (Map<String, Object> r : (List<Map<String, Object>>) vars.get("s2c_routes")) {
      String path = r.get("path").toString();
      routes.add(
          Map.of(
              "matcher",
              path.equals("/") ? "" : " " + path.replaceAll("/+$", "") + "*",
              "upstream",
              r.get("upstream")));
    }
    scope.put("routes", routes);
    scope.put("hasPublic", !routes.isEmpty());
    List<Map<String, Object>> fronts = new ArrayList<>();
    for (Map<String, Object> f : (List<Map<String, Object>>) vars.get("s2c_fronts")) {
      fronts.add(Map.of("name", f.get("name"), "port", f.get("port"), "scenario", d.scenario()));
    }
    scope.put("fronts", fronts);
    return scope;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> of(
      Deployment d,
      HostPlan plan,
      Map<String, Object> vars,
      RenderContext context,
      String caddySite) {
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("scenario", d.scenario());
    scope.put("environment", d.environment());
    scope.put("version", d.appVersion());
    scope.put("shellFormat", "shell".equals(plan.settings().format()));
    scope.put("versionWord", ShellWords.quote(d.appVersion()));
    scope.put("compilerVersion", context.compilerVersion());
    scope.put("user", vars.get("s2c_user"));
    scope.put("root", vars.get("s2c_root"));
    scope.put("configDir", vars.get("s2c_config_dir"));
    scope.put("dataDir", vars.get("s2c_data_dir"));
    scope.put("logDir", vars.get("s2c_log_dir"));
    scope.put("processManager", vars.get("s2c_process_manager"));
    boolean systemd = "systemd".equals(vars.get("s2c_process_manager"));
    scope.put("systemd", systemd);
    scope.put("supervisor", !systemd);
    scope.put("lockWait", vars.get("s2c_lock_wait"));
    scope.put("lockAcquire", vars.get("s2c_lock_acquire").toString().strip());
    scope.put("lockRelease", vars.get("s2c_lock_release").toString().strip());
    scope.put("digestCommand", vars.get("s2c_digest_command"));
    scope.put("caddyImport", vars.get("s2c_caddy_import").toString().strip());
    scope.put("keepReleases1", (Integer) vars.get("s2c_keep_releases") + 1);
    List<String> packages = new ArrayList<>((List<String>) vars.get("s2c_packages"));
    List<String> resourceServices = new ArrayList<>();
    List<Map<String, Object>> postgres = new ArrayList<>();
    for (Map<String, Object> r : (List<Map<String, Object>>) vars.get("s2c_resources")) {
      packages.addAll((List<String>) r.get("packages"));
      resourceServices.add(r.get("service").toString());
      if ("postgres".equals(r.get("type"))) {
        postgres.add(
            Map.of(
                "dbUser",
                r.get("db_user"),
                "dbName",
                r.get("db_name"),
                "passwordSecret",
                r.get("password_secret")));
      }
    }
    if (!systemd) {
      packages.add("supervisor");
    }
    if (!((List<?>) vars.get("s2c_routes")).isEmpty()) {
      packages.add("caddy");
    }
    scope.put(
        "apt",
        packages.isEmpty() ? List.of() : List.of(Map.of("words", ShellWords.join(packages))));
    scope.put("hasResources", !resourceServices.isEmpty());
    scope.put("resourceServices", resourceServices);
    scope.put("postgres", postgres);
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (Map<String, Object> s : (List<Map<String, Object>>) vars.get("s2c_input_secrets")) {
      inputs.add(
          Map.of("id", s.get("id"), "env", s.get("env"), "ref", "${" + s.get("env") + ":-}"));
    }
    scope.put("inputSecrets", inputs);
    scope.put(
        "secretNames",
        String.join(", ", inputs.stream().map(m -> m.get("env").toString()).toList()));
    scope.put("generatedSecrets", vars.get("s2c_generated_secrets"));
    List<Map<String, Object>> services = new ArrayList<>();
    List<Map<String, Object>> checks = new ArrayList<>();
    for (Map<String, Object> s : (List<Map<String, Object>>) vars.get("s2c_services")) {
      Map<String, Object> svc = new LinkedHashMap<>();
      svc.put("name", s.get("name"));
      svc.put("runScript", s.get("run_script").toString().strip());
      svc.put("unit", s.get("unit").toString().strip());
      svc.put("unitFile", s.get("unit_file"));
      svc.put("inPlace", !Boolean.TRUE.equals(s.get("switchable")));
      svc.put("program", s.get("program").toString().strip());
      svc.put("workdir", s.get("workdir"));
      svc.put("priority", 100 + (Integer) s.get("order"));
      List<Map<String, Object>> env = new ArrayList<>();
      ((Map<String, String>) s.get("env"))
          .forEach((k, v) -> env.add(Map.of("key", k, "value", ShellWords.quote(v))));
      svc.put("env", env);
      List<Map<String, Object>> in = new ArrayList<>();
      List<Map<String, Object>> gen = new ArrayList<>();
      for (Map<String, Object> sec : (List<Map<String, Object>>) s.get("secrets")) {
        if ("per_install_generated".equals(sec.get("class"))) {
          gen.add(
              Map.of(
                  "env",
                  sec.get("env"),
                  "id",
                  sec.get("id"),
                  "prefix",
                  sec.getOrDefault("prefix", ""),
                  "suffix",
                  sec.getOrDefault("suffix", "")));
        } else {
          in.add(Map.of("env", sec.get("env"), "ref", "${" + sec.get("env") + "}"));
        }
      }
      svc.put("inputs", in);
      svc.put("generated", gen);
      services.add(svc);
      Map<String, Object> h = (Map<String, Object>) s.get("health");
      if (Boolean.TRUE.equals(s.get("critical")) && !"none".equals(h.get("type"))) {
        String probe =
            switch (h.get("type").toString()) {
              // bash's /dev/tcp, not curl: a fresh host has no curl (the playbook uses its uri
              // module)
              case "http" ->
                  HostUnits.httpProbe(
                      h.get("port").toString(),
                      ShellWords.quote(h.get("path").toString()),
                      h.get("timeout").toString());
              case "tcp" -> "(exec 3<>/dev/tcp/127.0.0.1/" + h.get("port") + ") 2>/dev/null";
              default ->
                  "(cd "
                      + ShellWords.quote(vars.get("s2c_root") + "/current/" + s.get("workdir"))
                      + " && "
                      + String.join(
                          " ",
                          ((List<String>) h.get("command"))
                              .stream().map(ShellWords::quote).toList())
                      + ")";
            };
        checks.add(
            Map.of(
                "name",
                s.get("name"),
                "probe",
                probe,
                "retries",
                h.get("retries"),
                "delay",
                h.get("delay")));
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
    boolean cutover = !vars.get("s2c_cutover").toString().isEmpty();
    // the rollbacks: the services restarted in place, and the switched ones switched to the
    // restored release
    scope.put(
        "restartCommand",
        cutover ? restart + "\n" + vars.get("s2c_config_dir") + "/cutover >/dev/null" : restart);
    scope.put("hasCutover", cutover);
    scope.put("cutoverScript", vars.get("s2c_cutover").toString().strip());
    scope.put("healthChecks", checks);
    scope.put("hasEdge", Boolean.TRUE.equals(vars.get("s2c_edge")));
    scope.put("caddySite", caddySite.strip());
    return scope;
  }
}
