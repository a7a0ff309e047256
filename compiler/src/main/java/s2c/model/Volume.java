package s2c.model;

/**
 * Storage a service keeps across restarts and redeploys, mounted at its data directory: {@code
 * size} as a quantity ({@code 10Gi}), {@code accessMode} {@code ReadWriteOnce} (one node mounts it)
 * or {@code ReadWriteMany} (every replica may).
 */
public record Volume(String size, String accessMode) {
  public static final String READ_WRITE_ONCE = "ReadWriteOnce";
  public static final String READ_WRITE_MANY = "ReadWriteMany";

  public int mebibytes() {
    int n = Integer.parseInt(size.substring(0, size.length() - 2));
    return switch (size.substring(size.length() - 2)) {
      case "Ti" -> n * 1024 * 1024;
      case "Gi" -> n * 1024;
      default -> n;
    };
  }

  public boolean sharedByReplicas() {
    return READ_WRITE_MANY.equals(accessMode);
  }
}
