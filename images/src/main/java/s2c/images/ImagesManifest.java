package s2c.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import s2c.write.JsonOutput;
import s2c.write.Ordered;

/**
 * What a build leaves beside the render: {@code images.json} (service → reference pinned by digest,
 * the input of {@code compile --images}) and an SPDX 2.3 document per image listing the files it
 * packs with their SHA-256.
 */
public final class ImagesManifest {
  private ImagesManifest() {}

  /** {@code registry/repository:tag} + digest → {@code registry/repository@digest}. */
  public static String pinned(String reference, String digest) {
    int slash = reference.lastIndexOf('/');
    int colon = reference.lastIndexOf(':');
    String repository = colon > slash ? reference.substring(0, colon) : reference;
    return repository + "@" + digest;
  }

  public static String imagesJson(SortedMap<String, String> pinnedByService) {
    return JsonOutput.write(pinnedByService);
  }

  /**
   * The image's files as SPDX 2.3. Its creation time is the epoch, like the image's: the document
   * is a function of the image, so the same build gives the same bytes.
   */
  public static String sbom(ImageSpec spec, String digest, String toolVersion) {
    List<Map<String, Object>> files = new ArrayList<>();
    int n = 0;
    for (ImageSpec.FileEntry f : spec.files()) {
      n++;
      files.add(
          Ordered.map(
              "fileName",
              "." + f.target(),
              "SPDXID",
              "SPDXRef-File-" + n,
              "checksums",
              List.of(Ordered.map("algorithm", "SHA256", "checksumValue", sha256(f))),
              "licenseConcluded",
              "NOASSERTION",
              "copyrightText",
              "NOASSERTION"));
    }
    Map<String, Object> doc =
        Ordered.map(
            "spdxVersion",
            "SPDX-2.3",
            "dataLicense",
            "CC0-1.0",
            "SPDXID",
            "SPDXRef-DOCUMENT",
            "name",
            pinned(spec.reference(), digest),
            "documentNamespace",
            "https://spdx.vrooli.dev/scenario-to-cloud/" + pinned(spec.reference(), digest),
            "creationInfo",
            Ordered.map(
                "created",
                "1970-01-01T00:00:00Z",
                "creators",
                List.of("Tool: scenario-to-cloud-" + toolVersion)),
            "files",
            files);
    return JsonOutput.write(doc);
  }

  private static String sha256(ImageSpec.FileEntry f) {
    try (InputStream in = Files.newInputStream(f.source());
        DigestInputStream digest =
            new DigestInputStream(in, MessageDigest.getInstance("SHA-256"))) {
      digest.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(digest.getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
