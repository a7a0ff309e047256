package s2c.targets.baremetal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.spi.Checks;
import s2c.spi.RenderedTree;
import s2c.testing.Models;

/**
 * S2C096: a secret the deploy reads that the CI would not export is an error; the render has none.
 */
class CiSecretsRuleTest {
  private static RenderedTree render() {
    return new BaremetalTarget()
        .render(
            Models.of(
                new BaremetalTarget(), "baremetal-demo/bundle.json", "baremetal-demo/values.yaml"),
            new s2c.spi.RenderContext("test"))
        .tree();
  }

  private static List<String> rule(RenderedTree tree) {
    return new BaremetalTarget()
        .validate(tree, "out/", Checks.FAST).stream()
            .filter(d -> d.code().equals(Codes.CI_SECRET_UNLISTED))
            .map(Diagnostic::format)
            .toList();
  }

  @Test
  void theRenderListsEverySecretItsDeployReads() {
    RenderedTree tree = render();
    assertThat(tree.text(BaremetalTarget.SECRET_NAMES)).contains("DEMO_TOKEN");
    assertThat(rule(tree)).isEmpty();
  }

  @Test
  void aSecretMissingFromTheListIsAnError() {
    RenderedTree.Builder edited = RenderedTree.builder();
    render()
        .files()
        .forEach(
            (path, bytes) -> {
              if (!path.equals(BaremetalTarget.SECRET_NAMES)) {
                edited.put(path, bytes);
              }
            });
    edited.text(BaremetalTarget.SECRET_NAMES, "SOMETHING_ELSE\n");
    assertThat(rule(edited.build()))
        .singleElement()
        .satisfies(
            e -> assertThat(e).contains("out/ansible/group_vars/all.yml:", "DEMO_TOKEN", "S2C096"));
  }
}
