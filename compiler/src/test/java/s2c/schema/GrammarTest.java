package s2c.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class GrammarTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "id|api",
        "id|ui-server_2.v1",
        "env-name|API_PORT",
        "env-name|_x",
        "version|1.2.3",
        "version|2025-01-01T00:00:00Z",
        "version|1.0.0+build.7",
        "url|https://dm.example.com/api/v1/telemetry/upload",
        "url|http://127.0.0.1:8080/x?a=1&b=2",
        "git-url|https://github.com/o/r.git",
        "git-url|git@github.com:o/r.git",
        "git-ref|release/1.2",
        "rel-path|infra/states",
        "artifact-path|services\\api\\x.exe",
        "artifact-path|./bin/api",
        "artifact-path|services/Picker Wheel.app/Contents/MacOS/picker-wheel",
        "data-path|${data}/uploads",
        "data-path|/var/lib/x",
        "url-path|/health?full=1",
        "route-path|/api",
        "image|ghcr.io/o/api:1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "email|ops@example.com",
        "host|203.0.113.10",
        "host|app.example.com",
        "host|::1",
        "unix-user|deploy",
        "caddy-address|:80",
        "caddy-address|https://app.example.com:8443",
        "dns-label|ingress-nginx",
        "dns-subdomain|letsencrypt.prod",
        "region|nyc3",
        "size-slug|apps-s-1vcpu-0.5gb",
        "size-slug|10Gi",
        "secret-target|SESSION_SECRET",
        "secret-target|config/secret.pem",
        "line|any text, 'quotes' and $(even this) is data",
        "text|two\\nlines"
      })
  void accepts(String grammar, String value) {
    assertThat(Grammar.fromWire(grammar).orElseThrow().problem(decode(value))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "id|../etc",
        "id|a b",
        "id|{{x}}",
        "env-name|BAD-NAME",
        "env-name|1X",
        "version|1.0$(id)",
        "version|1.0;rm",
        "url|http://x/\"\"",
        "url|https://x/${y}",
        "url|javascript:alert(1)",
        "git-url|https://x/a b",
        "git-ref|a..b",
        "git-ref|-x",
        "rel-path|../x",
        "rel-path|/abs",
        "artifact-path|a/../b",
        "artifact-path|a/ b",
        "artifact-path|a/b\\nc",
        "data-path|${HOME}/x",
        "url-path|/h'",
        "url-path|/h$(id)",
        "route-path|/api?x",
        "image|Ubuntu:latest",
        "email|a@b\\nimport x",
        "host|a.com;id",
        "unix-user|Root",
        "caddy-address|x {",
        "dns-label|ingress\\n---",
        "dns-subdomain|A.b",
        "region|NYC3",
        "size-slug|a b",
        "secret-target|../x",
        "line|a\\nb",
        "line|x\\u0000",
        "line|x\\u202ey",
        "line|x\\ry",
        "line|x\\u2028y",
        "text|x\\u001by"
      })
  void refuses(String grammar, String value) {
    assertThat(Grammar.fromWire(grammar).orElseThrow().problem(decode(value))).isPresent();
  }

  /** CSV cannot hold control characters: the cases spell them \\n, \\r and \\uXXXX. */
  private static String decode(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length() && value.charAt(i + 1) == 'u') {
        out.append((char) Integer.parseInt(value.substring(i + 2, i + 6), 16));
        i += 5;
      } else if (c == '\\'
          && i + 1 < value.length()
          && (value.charAt(i + 1) == 'n' || value.charAt(i + 1) == 'r')) {
        out.append(value.charAt(i + 1) == 'n' ? '\n' : '\r');
        i++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  @Test
  void everyGrammarTheSchemasNameExists() {
    for (String schema :
        new String[] {
          SchemaValidator.BUNDLE, SchemaValidator.VALUES, SchemaValidator.SECRETS_PLAN
        }) {
      Set<String> names = new HashSet<>();
      collect(SchemaValidator.of(schema).schema(), names);
      for (String name : names) {
        assertThat(Grammar.fromWire(name)).as("grammar '%s' named in %s", name, schema).isPresent();
      }
      assertThat(names).as("%s names grammars", schema).isNotEmpty();
    }
  }

  private static void collect(JsonNode node, Set<String> names) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals(GrammarCheck.GRAMMAR)
            || e.getKey().equals(GrammarCheck.KEY_GRAMMAR)) {
          names.add(e.getValue().asString());
        } else {
          collect(e.getValue(), names);
        }
      }
    } else if (node.isArray()) {
      node.forEach(n -> collect(n, names));
    }
  }
}
