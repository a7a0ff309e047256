package s2c.server;

/**
 * Time and size limits of the JDK's HTTP server, which are system properties read once when the
 * server's configuration class loads. Without them a client that sends half a header keeps a
 * connection (and the thread reading it) forever. An operator's own {@code -D} settings win.
 */
final class ConnectionLimits {
  /** Seconds a client has to send a whole request (headers and body). */
  static final String MAX_REQUEST_SECONDS = "10";

  /** Seconds a response may take to be written (a publish to a slow remote included). */
  static final String MAX_RESPONSE_SECONDS = "300";

  private ConnectionLimits() {}

  static void apply() {
    setIfAbsent("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
    setIfAbsent("sun.net.httpserver.maxRspTime", MAX_RESPONSE_SECONDS);
    setIfAbsent("sun.net.httpserver.maxReqHeaders", "64");
    setIfAbsent("sun.net.httpserver.maxReqHeaderSize", "16384");
    setIfAbsent("sun.net.httpserver.idleInterval", "30");
    setIfAbsent("sun.net.httpserver.maxIdleConnections", "64");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
