package s2c.pipeline;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * One input of a compile: a file on disk (the CLI), or bytes handed over in memory under a name
 * (the HTTP API, tests). The render is the same for both; only where the bytes come from differs.
 */
public sealed interface InputDocument {
  /** How diagnostics name it. */
  String displayName();

  /** How the manifest records it (a file name, never a directory of the machine that rendered). */
  String recordedName();

  record File(Path path) implements InputDocument {
    @Override
    public String displayName() {
      return path.toString();
    }

    @Override
    public String recordedName() {
      return path.getFileName().toString();
    }
  }

  record Inline(String name, byte[] bytes) implements InputDocument {
    public Inline {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public String displayName() {
      return name;
    }

    @Override
    public String recordedName() {
      return name;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Inline i && i.name.equals(name) && Arrays.equals(i.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Inline[" + name + ", " + bytes.length + " bytes]";
    }
  }

  static InputDocument file(Path path) {
    return new File(path);
  }

  static InputDocument inline(String name, byte[] bytes) {
    return new Inline(name, bytes);
  }
}
