package s2c.cli;

import picocli.CommandLine;
import s2c.pipeline.CompilerVersion;

/** {@code --version}. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {CompilerVersion.NAME + " " + CompilerVersion.VERSION};
  }
}
