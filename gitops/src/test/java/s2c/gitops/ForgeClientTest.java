package s2c.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import s2c.write.JsonOutput;
import tools.jackson.databind.JsonNode;

class ForgeClientTest {
  @Test
  void githubPullRequest() throws Exception {
    try (StubHttp api =
        new StubHttp(201, "{\"html_url\": \"https://github.com/org/infra/pull/7\"}")) {
      String url =
          new ForgeClient(ForgeClient.Forge.github, api.url(), "tok-123", "org/infra")
              .open("review/x", "main", "Deploy", "body");
      assertThat(url).isEqualTo("https://github.com/org/infra/pull/7");
      StubHttp.Request r = api.requests.get(0);
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.path()).isEqualTo("/repos/org/infra/pulls");
      assertThat(r.headers().get("Authorization")).containsExactly("Bearer tok-123");
      JsonNode body = JsonOutput.mapper().readTree(r.body());
      assertThat(body.path("head").asString()).isEqualTo("review/x");
      assertThat(body.path("base").asString()).isEqualTo("main");
      assertThat(body.path("title").asString()).isEqualTo("Deploy");
    }
  }

  @Test
  void gitlabMergeRequest() throws Exception {
    try (StubHttp api =
        new StubHttp(201, "{\"web_url\": \"https://gitlab.com/g/s/infra/-/merge_requests/3\"}")) {
      String url =
          new ForgeClient(ForgeClient.Forge.gitlab, api.url(), "glpat", "g/s/infra")
              .open("review/x", "main", "Deploy", "body");
      assertThat(url).endsWith("/merge_requests/3");
      StubHttp.Request r = api.requests.get(0);
      assertThat(r.path()).isEqualTo("/projects/g%2Fs%2Finfra/merge_requests");
      assertThat(r.headers().get("Private-token")).containsExactly("glpat");
      assertThat(JsonOutput.mapper().readTree(r.body()).path("source_branch").asString())
          .isEqualTo("review/x");
    }
  }

  @Test
  void giteaPullRequestAndRefusal() throws Exception {
    try (StubHttp api = new StubHttp(422, "{}")) {
      assertThatThrownBy(
              () ->
                  new ForgeClient(ForgeClient.Forge.gitea, api.url(), "t", "o/r")
                      .open("b", "main", "T", "B"))
          .isInstanceOf(PublishException.class)
          .hasMessageContaining("HTTP 422");
      assertThat(api.requests.get(0).headers().get("Authorization")).containsExactly("token t");
    }
  }

  @Test
  void projectFromEveryUrlShape() throws Exception {
    assertThat(ForgeClient.projectOf("https://github.com/org/infra.git")).isEqualTo("org/infra");
    assertThat(ForgeClient.projectOf("git@github.com:org/infra.git")).isEqualTo("org/infra");
    assertThat(ForgeClient.projectOf("ssh://git@gitlab.example.com:2222/group/sub/infra.git"))
        .isEqualTo("group/sub/infra");
    assertThatThrownBy(() -> ForgeClient.projectOf("file:///tmp/x"))
        .isInstanceOf(PublishException.class);
  }
}
