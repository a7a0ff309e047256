package s2c.gitops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** git-style unified diff between two snapshots of one directory. */
public final class UnifiedDiff {
  private UnifiedDiff() {}

  public static String of(String dir, Map<String, byte[]> before, Map<String, byte[]> after) {
    StringBuilder out = new StringBuilder();
    TreeSet<String> paths = new TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    for (String path : paths) {
      byte[] a = before.getOrDefault(path, new byte[0]);
      byte[] b = after.getOrDefault(path, new byte[0]);
      if (before.containsKey(path) && after.containsKey(path) && Arrays.equals(a, b)) {
        continue;
      }
      String full = dir + "/" + path;
      out.append("diff --git a/").append(full).append(" b/").append(full).append('\n');
      if (!before.containsKey(path)) {
        out.append("new file\n--- /dev/null\n");
      } else {
        out.append("--- a/").append(full).append('\n');
      }
      out.append(after.containsKey(path) ? "+++ b/" + full : "+++ /dev/null").append('\n');
      out.append(hunks(a, b));
    }
    return out.toString();
  }

  private static String hunks(byte[] a, byte[] b) {
    RawText left = new RawText(a);
    RawText right = new RawText(b);
    EditList edits =
        DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
            .diff(RawTextComparator.DEFAULT, left, right);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DiffFormatter formatter = new DiffFormatter(bytes)) {
      formatter.format(edits, left, right);
      formatter.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
