package s2c.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import s2c.model.Build;
import s2c.model.Service;
import s2c.model.ServiceType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a service's own build writes what its image packs, when the bundle lists no {@code
 * binaries}: a scenario's {@code service.json} says how to build ({@code cd api && go build -o
 * picker-wheel-api .}), not where the result lands. An API's binary is the {@code -o} of its build
 * command; a UI's assets are the output directory of its {@code build} script ({@code vite build}
 * writes {@code dist/}, {@code --outDir X} writes {@code X/}, {@code react-scripts build} writes
 * {@code build/}), entered by its {@code index.html}.
 */
final class BuildOutputs {
  private static final Pattern OUT_FLAG = Pattern.compile("^-o(=(.+))?$");
  private static final Pattern OUT_DIR =
      Pattern.compile("--out(?:Dir|-dir)(?:=|\\s+)([A-Za-z0-9_./-]+)");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private BuildOutputs() {}

  /**
   * The output's path relative to the scenario directory, or empty when the build command does not
   * say.
   *
   * @param read a file of the scenario directory by relative path (a UI's {@code package.json})
   */
  static Optional<String> of(Service s, Function<String, Optional<String>> read) {
    Optional<Build> build = s.build();
    if (build.isEmpty() || build.get().command().isEmpty()) {
      return Optional.empty();
    }
    String dir = build.get().sourceDir();
    String command = build.get().command().get();
    Optional<String> relative =
        s.type() == ServiceType.UI_BUNDLE
            ? uiOutput(command, read.apply(join(dir, "package.json")))
            : outFlag(command);
    return relative.map(r -> join(dir, r));
  }

  /** {@link #of(Service, Function)} reading the scenario directory {@code root}. */
  static Optional<String> of(Service s, Path root) {
    return of(
        s,
        relative -> {
          Path file = root.resolve(relative).normalize();
          try {
            return file.startsWith(root) && Files.isRegularFile(file)
                ? Optional.of(Files.readString(file))
                : Optional.empty();
          } catch (IOException e) {
            return Optional.empty();
          }
        });
  }

  /** The last {@code -o PATH} (or {@code -o=PATH}) of the command: go build's, cc's. */
  static Optional<String> outFlag(String command) {
    List<String> words = List.of(command.trim().split("\\s+"));
    Optional<String> out = Optional.empty();
    for (int i = 0; i < words.size(); i++) {
      Matcher m = OUT_FLAG.matcher(words.get(i));
      if (m.matches()) {
        String path =
            m.group(2) != null ? m.group(2) : i + 1 < words.size() ? words.get(i + 1) : "";
        out = Optional.of(path).filter(BuildOutputs::plainPath);
      }
    }
    return out;
  }

  /** {@code dist/index.html}, or the directory the build script names. */
  static Optional<String> uiOutput(String command, Optional<String> packageJson) {
    String script = command;
    if (command.matches(".*\\b(npm run|pnpm run|pnpm|yarn) build\\b.*")
        && packageJson.isPresent()) {
      JsonNode scripts = scripts(packageJson.get());
      script = scripts.path("build").asString(command);
    }
    Matcher outDir = OUT_DIR.matcher(script);
    String dir =
        outDir.find() ? outDir.group(1) : script.contains("react-scripts build") ? "build" : "dist";
    return Optional.of(dir).filter(BuildOutputs::plainPath).map(d -> join(d, "index.html"));
  }

  private static JsonNode scripts(String packageJson) {
    try {
      return JSON.readTree(packageJson).path("scripts");
    } catch (RuntimeException e) {
      // an unreadable package.json: the build's own step reports it when it runs
      return JSON.createObjectNode();
    }
  }

  /** A relative path with no way out of the directory it is relative to. */
  private static boolean plainPath(String path) {
    return path.matches("[A-Za-z0-9_.][A-Za-z0-9_./-]*")
        && !List.of(path.split("/")).contains("..");
  }

  private static String join(String dir, String path) {
    String p = path.startsWith("./") ? path.substring(2) : path;
    return dir.isEmpty() || dir.equals(".") ? p : dir + "/" + p;
  }
}
