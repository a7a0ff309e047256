package s2c.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import s2c.write.YamlOutput;
import tools.jackson.databind.JsonNode;

class CiPipelinesTest {
  @Test
  void githubWorkflowPlansOnPullRequestsAndAppliesOnMergeBehindAnEnvironment() {
    String text = new String(CiPipelines.files(CiPipelines.Kind.github).get(".github/workflows/scenario-to-cloud.yml"), StandardCharsets.UTF_8);
    JsonNode wf = YamlOutput.read(text);
    assertThat(wf.path("on").has("pull_request")).isTrue();
    assertThat(wf.path("jobs").path("plan").path("if").asString()).contains("pull_request");
    assertThat(wf.path("jobs").path("apply").path("environment").asString()).isEqualTo("production");
    assertThat(wf.path("jobs").path("apply").toString()).contains("deploy.sh\\\" apply", "ansible-playbook");
    assertThat(text).doesNotContain("helm upgrade");
  }

  @Test
  void gitlabPipelineUsesProtectedEnvironment() {
    JsonNode ci = YamlOutput.read(new String(CiPipelines.files(CiPipelines.Kind.gitlab).get(".gitlab-ci.yml"), StandardCharsets.UTF_8));
    assertThat(ci.path("terraform-plan").path("rules").get(0).path("if").asString()).contains("merge_request_event");
    assertThat(ci.path("terraform-apply").path("environment").path("name").asString()).isEqualTo("production");
    assertThat(ci.path("ansible-apply").path("script").get(0).asString()).contains("ansible-playbook");
  }

  @Test
  void scriptsAreValidBash() throws Exception {
    for (String script : new String[] {CiPipelines.PLAN, CiPipelines.APPLY, CiPipelines.ANSIBLE, CiPipelines.EXPORT_SECRETS}) {
      Process p = new ProcessBuilder("bash", "-n", "-c", script).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(out).isZero();
    }
  }
}
