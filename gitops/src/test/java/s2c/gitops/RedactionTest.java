package s2c.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void userinfoIsRedacted() {
    assertThat(Redaction.redact("cannot push to https://bob:hunter2@git.example.com/x.git now"))
        .isEqualTo("cannot push to https://***@git.example.com/x.git now");
    assertThat(Redaction.redact("ssh://git@host:22/x.git")).isEqualTo("ssh://***@host:22/x.git");
    assertThat(Redaction.redact("file:///tmp/x")).isEqualTo("file:///tmp/x");
  }
}
