package s2c.model;

/** The scenario's source repository, for services a provider builds itself. */
public record SourceRepo(String url, String branch, String directory) {}
