package s2c.pipeline;

/** The version written into every manifest; bump it when output changes on purpose. */
public final class CompilerVersion {
  public static final String VERSION = "0.1.0";
  public static final String NAME = "scenario-to-cloud";

  private CompilerVersion() {}
}
