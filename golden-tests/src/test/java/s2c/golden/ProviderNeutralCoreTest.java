package s2c.golden;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import s2c.spi.Target;
import s2c.spi.TargetRegistry;
import s2c.testing.TestPaths;

/**
 * The core (compiler and gitops) names no provider: everything a provider means comes through the
 * target SPI. The provider words are the ids and aliases of the targets on the class path (aliases
 * of three letters or fewer, such as "do", are English words and left out), so a new target extends
 * the rule by being registered.
 */
class ProviderNeutralCoreTest {
  private static final String[] CORE_PACKAGES = {
    "s2c.diag..",
    "s2c.load..",
    "s2c.schema..",
    "s2c.model..",
    "s2c.spi..",
    "s2c.write..",
    "s2c.pipeline..",
    "s2c.gitops.."
  };

  static TreeSet<String> providerWords() {
    TreeSet<String> words = new TreeSet<>();
    for (Target t : TargetRegistry.load().all()) {
      words.add(t.id().toLowerCase(Locale.ROOT));
      t.aliases().stream()
          .filter(a -> a.length() > 3)
          .map(a -> a.toLowerCase(Locale.ROOT))
          .forEach(words::add);
    }
    return words;
  }

  @Test
  void theProviderWordsComeFromTheRegistry() {
    assertThat(providerWords())
        .contains("digitalocean", "kubernetes", "helm", "baremetal", "ansible");
  }

  /** No source line of the core, code or comment, names a provider. */
  @Test
  void coreSourcesNameNoProvider() throws IOException {
    Path root = TestPaths.projectRoot();
    List<String> hits = new ArrayList<>();
    for (String module : new String[] {"compiler", "gitops"}) {
      try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main"))) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          List<String> lines = Files.readAllLines(file);
          for (int i = 0; i < lines.size(); i++) {
            String lower = lines.get(i).toLowerCase(Locale.ROOT);
            for (String word : providerWords()) {
              if (lower.contains(word)) {
                hits.add(
                    root.relativize(file)
                        + ":"
                        + (i + 1)
                        + ": '"
                        + word
                        + "' in "
                        + lines.get(i).strip());
              }
            }
          }
        }
      }
    }
    assertThat(hits)
        .as("provider knowledge belongs in a target, reached through the SPI")
        .isEmpty();
  }

  /** No class of the core uses a class of a provider's library or of a target. */
  @Test
  void coreClassesUseNoProviderClass() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("s2c");
    TreeSet<String> words = providerWords();
    noClasses()
        .that()
        .resideInAnyPackage(CORE_PACKAGES)
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "name a provider " + words,
                (JavaClass c) ->
                    words.stream().anyMatch(w -> c.getName().toLowerCase(Locale.ROOT).contains(w))))
        .check(classes);
  }
}
