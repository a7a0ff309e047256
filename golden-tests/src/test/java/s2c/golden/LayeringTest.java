package s2c.golden;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The compiler never imports a target or the CLI; targets never import the CLI or each other. */
class LayeringTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("s2c");

  @Test
  void compilerDoesNotDependOnTargetsOrCli() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "s2c.diag..",
            "s2c.load..",
            "s2c.schema..",
            "s2c.model..",
            "s2c.spi..",
            "s2c.write..",
            "s2c.pipeline..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "s2c.targets..",
            "s2c.cli..",
            "s2c.gitops..",
            "s2c.server..",
            "org.eclipse.jgit..",
            "s2c.hcl..",
            "s2c.terraform..")
        .check(CLASSES);
  }

  /** The Terraform library serves Terraform targets and the PR summary; it knows no target. */
  @Test
  void terraformLibraryDoesNotDependOnTargetsOrCli() {
    noClasses()
        .that()
        .resideInAnyPackage("s2c.hcl..", "s2c.terraform..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "s2c.targets..", "s2c.cli..", "s2c.gitops..", "s2c.server..", "org.eclipse.jgit..")
        .check(CLASSES);
  }

  @Test
  void modelIsPure() {
    noClasses()
        .that()
        .resideInAPackage("s2c.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.io..", "java.nio.file..", "s2c.load..", "s2c.pipeline..", "tools.jackson..")
        .check(CLASSES);
  }

  @Test
  void gitopsDoesNotDependOnTargetsOrCli() {
    noClasses()
        .that()
        .resideInAPackage("s2c.gitops..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("s2c.targets..", "s2c.cli..", "s2c.server..")
        .check(CLASSES);
  }

  /**
   * Each registered target's package stays out of every other's; a new target joins by registering.
   */
  @Test
  void targetsDoNotDependOnEachOther() {
    java.util.List<String> packages =
        s2c.spi.TargetRegistry.load().all().stream()
            .map(t -> t.getClass().getPackageName())
            .toList();
    org.assertj.core.api.Assertions.assertThat(packages).hasSizeGreaterThanOrEqualTo(3);
    for (String target : packages) {
      noClasses()
          .that()
          .resideInAPackage(target + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              packages.stream()
                  .filter(t -> !t.equals(target))
                  .map(t -> t + "..")
                  .toArray(String[]::new))
          .check(CLASSES);
    }
  }

  /**
   * So that --checks fast can promise no program is started: only the runner, which counts them,
   * starts one.
   */
  @Test
  void onlyTheToolRunnerStartsPrograms() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "s2c.targets..",
            "s2c.pipeline..",
            "s2c.terraform..",
            "s2c.gitops..",
            "s2c.load..",
            "s2c.schema..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.lang.ProcessBuilder")
        .orShould()
        .callMethod(Runtime.class, "exec", String.class)
        .check(CLASSES);
  }

  /** A target sees the model and the SPI, not how the compiler got there. */
  @Test
  void targetsDoNotReachIntoThePipeline() {
    noClasses()
        .that()
        .resideInAPackage("s2c.targets..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("s2c.pipeline..", "s2c.load..")
        .check(CLASSES);
  }

  @Test
  void targetsDoNotDependOnCli() {
    noClasses()
        .that()
        .resideInAPackage("s2c.targets..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("s2c.cli..", "s2c.gitops..", "s2c.server..")
        .check(CLASSES);
  }
}
