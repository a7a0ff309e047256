package s2c.gitops;

/** What a publish did: a new commit, or nothing because the repository already held the render. */
public record PublishOutcome(
    boolean unchanged,
    String commitId,
    String branch,
    String path,
    ChangeSummary summary,
    int attempts) {}
