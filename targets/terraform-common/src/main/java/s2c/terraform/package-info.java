/**
 * What every Terraform target shares: validation against shipped provider schemas, {@code terraform
 * fmt} under full checks, and the CI job (plan on pull requests, deploy.sh on merge).
 */
package s2c.terraform;
