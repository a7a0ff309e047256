/**
 * The DigitalOcean target: App Platform, managed databases and Spaces state as Terraform, plus a
 * deploy script that converges what Terraform leaves to the App Platform API.
 */
package s2c.targets.digitalocean;
