package s2c.write;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import s2c.spi.RenderedTree;

/**
 * {@code s2c-manifest.json}: which compiler made the tree, from which input, and the sha256 of
 * every other file, so {@code validate} can tell a hand edit from a render.
 */
public final class ManifestFile {
  public static final String NAME = "s2c-manifest.json";

  private ManifestFile() {}

  public static RenderedTree addTo(RenderedTree tree, Map<String, Object> header) {
    Map<String, Object> manifest = new LinkedHashMap<>(header);
    TreeMap<String, String> files = new TreeMap<>();
    tree.files()
        .forEach(
            (path, bytes) -> {
              if (!path.equals(NAME)) {
                files.put(path, sha256(bytes));
              }
            });
    manifest.put(
        "files",
        files.entrySet().stream()
            .map(e -> Map.of("path", e.getKey(), "sha256", e.getValue()))
            .toList());
    return tree.with(NAME, JsonOutput.write(manifest).getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
