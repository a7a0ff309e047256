package s2c.targets.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import s2c.spi.ProviderSettings;
import s2c.testing.SettingsAssert;

class KubernetesSettingsTest {
  @Test
  void recordAndSchemaNameTheSameSettings() {
    SettingsAssert.recordMatchesSchema(
        KubernetesSettings.class, new KubernetesTarget().settingsSchema());
  }

  @Test
  void defaultsAndValues() throws Exception {
    KubernetesSettings none = SettingsAssert.readEmpty(KubernetesSettings.class);
    assertThat(none.ingressClass()).isEqualTo("nginx");
    assertThat(none.secretStoreKind()).isEqualTo("ClusterSecretStore");
    assertThat(none.gitopsRepoUrl()).isEmpty();
    KubernetesSettings s =
        ProviderSettings.read(
            Map.of("namespace", "shop", "storage_class", "fast"), KubernetesSettings.class);
    assertThat(s.namespace()).contains("shop");
    assertThat(s.storageClass()).isEqualTo("fast");
  }
}
