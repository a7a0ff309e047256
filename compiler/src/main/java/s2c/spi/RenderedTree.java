package s2c.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The output of a render: relative path → bytes, sorted. Paths are checked here, once, so no target
 * can write outside its directory.
 */
public final class RenderedTree {
  private static final Pattern SAFE_PATH = Pattern.compile("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$");
  private final SortedMap<String, byte[]> files;

  private RenderedTree(SortedMap<String, byte[]> files) {
    this.files = files;
  }

  public static Builder builder() {
    return new Builder();
  }

  public SortedMap<String, byte[]> files() {
    return Collections.unmodifiableSortedMap(files);
  }

  public byte[] get(String path) {
    byte[] content = files.get(path);
    return content == null ? null : content.clone();
  }

  public String text(String path) {
    byte[] content = files.get(path);
    return content == null ? null : new String(content, StandardCharsets.UTF_8);
  }

  public RenderedTree with(String path, byte[] content) {
    TreeMap<String, byte[]> copy = new TreeMap<>(files);
    copy.put(checked(path), content.clone());
    return new RenderedTree(copy);
  }

  public static RenderedTree of(Map<String, byte[]> files) {
    Builder b = builder();
    files.forEach(b::put);
    return b.build();
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof RenderedTree that) || !files.keySet().equals(that.files.keySet())) {
      return false;
    }
    return files.entrySet().stream()
        .allMatch(e -> Arrays.equals(e.getValue(), that.files.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    return files.keySet().hashCode();
  }

  static String checked(String path) {
    if (!SAFE_PATH.matcher(path).matches() || path.contains("..")) {
      throw new IllegalArgumentException("unsafe output path: " + path);
    }
    return path;
  }

  /** Collects files; text is written as UTF-8 with LF line ends. */
  public static final class Builder {
    private final TreeMap<String, byte[]> files = new TreeMap<>();

    public Builder put(String path, byte[] content) {
      if (files.put(checked(path), content.clone()) != null) {
        throw new IllegalStateException("rendered twice: " + path);
      }
      return this;
    }

    public Builder text(String path, String content) {
      if (content.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("CR in rendered text " + path);
      }
      return put(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public RenderedTree build() {
      return new RenderedTree(new TreeMap<>(files));
    }
  }
}
