package s2c.model;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** A schema migration that must run before the new release serves traffic. */
public record Migration(
    String version, List<String> command, SortedMap<String, String> env, String runOn) {
  public Migration {
    command = List.copyOf(command);
    env = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(env));
  }
}
