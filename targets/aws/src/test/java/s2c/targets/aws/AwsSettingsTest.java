package s2c.targets.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import s2c.spi.ProviderSettings;
import s2c.testing.SettingsAssert;

class AwsSettingsTest {
  @Test
  void recordAndSchemaNameTheSameSettings() {
    SettingsAssert.recordMatchesSchema(AwsSettings.class, new AwsTarget().settingsSchema());
  }

  @Test
  void readsTheSettingsAndDefaultsToTwoZonesInUsEast1() throws Exception {
    AwsSettings none = SettingsAssert.readEmpty(AwsSettings.class);
    assertThat(none.regionOrDefault()).isEqualTo("us-east-1");
    assertThat(none.azCount()).isEqualTo(2);
    assertThat(none.retention(true)).isEqualTo(90);
    AwsSettings s =
        ProviderSettings.read(
            Map.of(
                "region", "eu-west-1",
                "route53_zone_id", "Z0123456789ABC",
                "private_subnet_ids", List.of("subnet-0123456789abcdef0")),
            AwsSettings.class);
    assertThat(s.regionOrDefault()).isEqualTo("eu-west-1");
    assertThat(s.route53ZoneId()).contains("Z0123456789ABC");
    assertThat(s.privateSubnetIds()).containsExactly("subnet-0123456789abcdef0");
  }
}
