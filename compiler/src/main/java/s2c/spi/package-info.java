/**
 * The target SPI: what a provider module implements ({@link s2c.spi.Target}) and contributes
 * (settings schema, state backends, CI job, replacement rules, external checks), found through
 * {@link java.util.ServiceLoader} by {@link s2c.spi.TargetRegistry}.
 */
package s2c.spi;
