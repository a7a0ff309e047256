/**
 * Publishing renders to the infra repository with JGit (private working copies, retries on a moved
 * tip, never a force push), change summaries for reviewers, history and rollback, status reports,
 * forge pull requests and the CI pipelines written from the targets' CI jobs.
 */
package s2c.gitops;
