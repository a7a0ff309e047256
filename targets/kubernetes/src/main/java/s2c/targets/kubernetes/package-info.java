/**
 * The Kubernetes target: a Helm chart (External Secrets, NetworkPolicies, migration hooks) with
 * Argo CD and Flux objects, validated by the embedded Helm and the cluster API's OpenAPI.
 */
package s2c.targets.kubernetes;
