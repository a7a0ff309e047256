package s2c.targets.digitalocean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import s2c.spi.ProviderSettings;
import s2c.testing.SettingsAssert;

class DigitalOceanSettingsTest {
  @Test
  void recordAndSchemaNameTheSameSettings() {
    SettingsAssert.recordMatchesSchema(
        DigitalOceanSettings.class, new DigitalOceanTarget().settingsSchema());
  }

  @Test
  void readsNestedServiceSettingsAndDefaultsToNothing() throws Exception {
    DigitalOceanSettings none = SettingsAssert.readEmpty(DigitalOceanSettings.class);
    assertThat(none.instanceSizeSlug("api")).isEmpty();
    DigitalOceanSettings s =
        ProviderSettings.read(
            Map.of(
                "alerts_email",
                "ops@example.com",
                "services",
                Map.of("api", Map.of("instance_size_slug", "apps-s-1vcpu-2gb"))),
            DigitalOceanSettings.class);
    assertThat(s.alertsEmail()).contains("ops@example.com");
    assertThat(s.instanceSizeSlug("api")).isEqualTo(Optional.of("apps-s-1vcpu-2gb"));
    assertThat(s.instanceSizeSlug("web")).isEmpty();
  }
}
