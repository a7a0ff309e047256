package s2c.hcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HclRoundTripTest {
  @Test
  void writerAlignsRunsAndSeparatesBlocks() {
    HclBody body =
        HclBody.builder()
            .block(
                "resource",
                List.of("a_b", "c"),
                r ->
                    r.attr("name", "x")
                        .attr("instance_count", 2)
                        .block("inner", i -> i.attr("ok", true)))
            .build();
    assertThat(HclWriter.write(body))
        .isEqualTo(
            """
        resource "a_b" "c" {
          name           = "x"
          instance_count = 2

          inner {
            ok = true
          }
        }
        """);
  }

  @Test
  void stringsAreEscapedSoNothingIsEvaluated() throws Exception {
    String nasty = "quote\" back\\ ${var.x} %{if} tab\t new\nline $ok %ok";
    String text = HclWriter.write(HclBody.builder().attr("v", nasty).build());
    assertThat(text)
        .isEqualTo("v = \"quote\\\" back\\\\ $${var.x} %%{if} tab\\t new\\nline $ok %ok\"\n");
    ParsedHcl.Attribute parsed = HclParser.parse(text).attributes().get(0);
    assertThat(parsed.value().literal())
        .contains("quote\" back\\ ${var.x} %{if} tab\t new\nline $ok %ok");
    assertThat(parsed.value().traversals()).isEmpty();
  }

  @Test
  void objectsAndTuplesRoundTrip() throws Exception {
    Map<String, HclExpr> obj = new LinkedHashMap<>();
    obj.put("source", HclExpr.str("digitalocean/digitalocean"));
    obj.put("version", HclExpr.str("2.71.0"));
    obj.put("needs quotes", HclExpr.ref("var.region"));
    String text =
        HclWriter.write(
            HclBody.builder()
                .attr("o", new HclExpr.Obj(obj))
                .attr("t", HclExpr.strings(List.of("a", "b")))
                .attr(
                    "f",
                    HclExpr.call(
                        "substr", HclExpr.ref("var.region"), HclExpr.num(0), HclExpr.num(3)))
                .build());
    ParsedHcl.Body parsed = HclParser.parse(text);
    assertThat(parsed.attributes())
        .extracting(ParsedHcl.Attribute::name)
        .containsExactly("o", "t", "f");
    assertThat(parsed.attributes().get(0).value().entries())
        .containsKeys("source", "version", "needs quotes");
    assertThat(parsed.attributes().get(0).value().traversals()).containsExactly("var.region");
    assertThat(parsed.attributes().get(1).value().kind()).isEqualTo(ParsedHcl.Kind.TUPLE);
    assertThat(parsed.attributes().get(2).value().traversals()).containsExactly("var.region");
  }

  @Test
  void parserReadsTheTerraformLanguage() throws Exception {
    ParsedHcl.Body body =
        HclParser.parse(
            """
        # comment
        locals {
          a = var.x == "y" ? [for s in var.list : upper(s) if s != ""] : {for k, v in var.m : k => v...}
          b = <<-EOT
            hello ${var.name}
            EOT
          c = aws_instance.web[*].id
          d = -1.5e3 + (2 * 3) % 4
          e = "%{ if var.on }on%{ else }off%{ endif }"
          f = data.x.y.z[0].w
          g = provider::aws::arn_parse("x")
        }
        resource "t" "n" { count = 1 }
        /* block
           comment */
        """);
    ParsedHcl.Block locals = body.blocks().get(0);
    assertThat(locals.body().attributes()).hasSize(7);
    assertThat(locals.body().attributes().get(0).value().traversals())
        .contains("var.x", "var.list", "var.m");
    assertThat(locals.body().attributes().get(1).value().traversals()).containsExactly("var.name");
    assertThat(locals.body().attributes().get(5).value().traversals())
        .containsExactly("data.x.y.z[0].w");
    assertThat(body.blocks().get(1).body().attributes().get(0).name()).isEqualTo("count");
  }

  @Test
  void syntaxErrorsHaveAPosition() {
    assertThatThrownBy(() -> HclParser.parse("a = {\n  b = 1\n"))
        .isInstanceOf(HclSyntaxException.class)
        .hasMessageContaining("missing '}'");
    assertThatThrownBy(() -> HclParser.parse("resource \"a\" {\n  x = \"unterminated\n}\n"))
        .isInstanceOfSatisfying(
            HclSyntaxException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.column()).isEqualTo(7);
            });
    assertThatThrownBy(() -> HclParser.parse("a = 1 b = 2\n"))
        .isInstanceOf(HclSyntaxException.class)
        .hasMessageContaining("newline");
  }

  @Test
  void unsafeNamesAreRejectedAtConstruction() {
    assertThatThrownBy(() -> HclExpr.ref("var.x}; rm -rf /"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HclBody.Attribute("a b", HclExpr.num(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
