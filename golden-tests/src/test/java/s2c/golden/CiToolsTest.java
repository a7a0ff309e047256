package s2c.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import s2c.spi.CiJob;
import s2c.spi.Target;
import s2c.spi.TargetRegistry;
import s2c.testing.TestPaths;

/**
 * The emitted CI runs each deployment's deploy.sh in the job's image: every tool a golden deploy.sh
 * requires before it starts must be in that image or installed by the job's setup. (A Vault CLI
 * required even when the CI sets every secret, or an AWS CLI missing from the Terraform image, fail
 * the first deploy, not the render.)
 */
class CiToolsTest {
  /** What the images of the emitted GitLab jobs bring, before their setup lines. */
  private static final Map<String, Set<String>> IMAGE_TOOLS =
      Map.of("hashicorp/terraform", Set.of("terraform", "sh", "git"));

  /** Alpine packages whose program has another name. */
  private static final Map<String, String> PROGRAM_OF = Map.of("aws-cli", "aws");

  private static final Pattern REQUIRED = Pattern.compile("(?m)^required=\\(([^)]*)\\)$");

  @Test
  void everyToolADeployScriptRequiresIsInTheCiImage() throws IOException {
    int checked = 0;
    List<String> missing = new ArrayList<>();
    for (Target target : TargetRegistry.load().all()) {
      CiJob job = target.ciJob().orElse(null);
      if (job == null) {
        continue;
      }
      String image = job.gitlabImage().replaceAll(":.*$", "");
      if (!IMAGE_TOOLS.containsKey(image)) {
        continue; // bare metal's job runs Ansible; its deploy.sh runs on the host (HostToolsCheck)
      }
      Set<String> available = new TreeSet<>(IMAGE_TOOLS.get(image));
      for (String line : job.gitlabSetup()) {
        if (line.startsWith("apk add")) {
          Arrays.stream(line.split(" "))
              .skip(2)
              .filter(w -> !w.startsWith("-"))
              .forEach(p -> available.add(PROGRAM_OF.getOrDefault(p, p)));
        }
      }
      try (var cases = Files.list(TestPaths.projectRoot().resolve("golden-tests/cases"))) {
        for (Path c : cases.sorted().toList()) {
          Path script = c.resolve("expected/" + target.id() + "/deploy.sh");
          if (!Files.exists(script)) {
            continue;
          }
          Matcher m = REQUIRED.matcher(Files.readString(script));
          assertThat(m.find()).as("%s declares its tools", script).isTrue();
          for (String tool : m.group(1).trim().split("\\s+")) {
            checked++;
            if (!available.contains(tool)) {
              missing.add(target.id() + " " + c.getFileName() + ": " + tool);
            }
          }
        }
      }
    }
    assertThat(missing).as("tools deploy.sh needs that the CI image lacks").isEmpty();
    assertThat(checked).isGreaterThan(10);
  }
}
