package s2c.targets.digitalocean;

import java.util.Map;
import java.util.Optional;
import s2c.model.Deployment;
import s2c.spi.ProviderSettings;

/**
 * {@code providers.digitalocean} in values (schema: settings.schema.json next to this target).
 *
 * @param defaultInstanceSizeSlug the App Platform size of services that declare no size
 * @param alertsEmail where App Platform sends the app's deployment and domain alerts
 * @param services per service id: settings that apply to that service only
 */
record DigitalOceanSettings(
    Optional<String> defaultInstanceSizeSlug,
    Optional<String> alertsEmail,
    Map<String, ServiceSettings> services) {
  /**
   * @param instanceSizeSlug the App Platform size, instead of the one the service's size maps to
   */
  record ServiceSettings(Optional<String> instanceSizeSlug) {
    ServiceSettings {
      instanceSizeSlug = instanceSizeSlug == null ? Optional.empty() : instanceSizeSlug;
    }
  }

  DigitalOceanSettings {
    defaultInstanceSizeSlug =
        defaultInstanceSizeSlug == null ? Optional.empty() : defaultInstanceSizeSlug;
    alertsEmail = alertsEmail == null ? Optional.empty() : alertsEmail;
    services = services == null ? Map.of() : Map.copyOf(services);
  }

  static DigitalOceanSettings of(Deployment d) {
    return ProviderSettings.read(d, "digitalocean", DigitalOceanSettings.class);
  }

  Optional<String> instanceSizeSlug(String serviceId) {
    return Optional.ofNullable(services.get(serviceId)).flatMap(ServiceSettings::instanceSizeSlug);
  }
}
