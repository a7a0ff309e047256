/**
 * The bare-metal/VPS target: an Ansible project and its plain-shell twin for a Debian/Ubuntu host
 * (systemd or supervisor units, releases with rollback, Caddy edge, zero-downtime cutover), with
 * checks for what a fresh host lacks.
 */
package s2c.targets.baremetal;
