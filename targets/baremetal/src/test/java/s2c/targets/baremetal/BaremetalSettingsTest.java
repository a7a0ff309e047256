package s2c.targets.baremetal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import s2c.spi.ProviderSettings;
import s2c.testing.SettingsAssert;

class BaremetalSettingsTest {
  @Test
  void recordAndSchemaNameTheSameSettings() {
    SettingsAssert.recordMatchesSchema(
        BaremetalSettings.class, new BaremetalTarget().settingsSchema());
  }

  @Test
  void defaultsAndTypedValues() throws Exception {
    BaremetalSettings none = SettingsAssert.readEmpty(BaremetalSettings.class);
    assertThat(none.sshPort()).isEqualTo(22);
    assertThat(none.keepReleases()).isEqualTo(3);
    assertThat(none.format()).isEqualTo("ansible");
    assertThat(none.host()).isEmpty();
    BaremetalSettings s =
        ProviderSettings.read(
            Map.of("ssh_port", 2222, "host", "203.0.113.7", "lock_wait", 0),
            BaremetalSettings.class);
    assertThat(s.sshPort()).isEqualTo(2222);
    assertThat(s.host()).contains("203.0.113.7");
    assertThat(s.lockWait()).isZero();
  }
}
