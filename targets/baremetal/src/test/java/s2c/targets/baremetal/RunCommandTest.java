package s2c.targets.baremetal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunCommandTest {
  private static final String RELEASE = "/opt/picker-wheel/current/api";

  @Test
  void aDevelopStepsExecIsDroppedAndItsProgramResolvedInTheRelease() {
    // Vrooli's develop step: "exec ./picker-wheel-api" — /usr/bin/env exec … would exit 127
    RunCommand run = RunCommand.of(List.of("exec", "./picker-wheel-api"), RELEASE);
    assertThat(run.problem()).isEmpty();
    assertThat(run.argv()).containsExactly("/opt/picker-wheel/current/api/picker-wheel-api");
  }

  @Test
  void anInterpreterIsFoundOnThePath() {
    assertThat(RunCommand.of(List.of("node", "server.js"), RELEASE).argv())
        .containsExactly("/usr/bin/env", "node", "server.js");
    assertThat(RunCommand.of(List.of("/usr/bin/python3", "-m", "app"), RELEASE).argv())
        .containsExactly("/usr/bin/python3", "-m", "app");
  }

  @Test
  void whatOnlyAShellRunsIsRefused() {
    assertThat(RunCommand.of(List.of("cd", "api"), RELEASE).problem())
        .hasValueSatisfying(p -> assertThat(p).contains("builtin"));
    assertThat(RunCommand.of(List.of("exec"), RELEASE).problem()).isPresent();
    assertThat(RunCommand.of(List.of("./server", "&&", "echo"), RELEASE).problem())
        .hasValueSatisfying(p -> assertThat(p).contains("operator"));
    // an argument is data: it reaches the program as it is, unexpanded
    assertThat(RunCommand.of(List.of("./server", "--port", "$API_PORT"), RELEASE).argv())
        .endsWith("$API_PORT");
    assertThat(RunCommand.of(List.of("../other/server"), RELEASE).problem()).isPresent();
  }
}
