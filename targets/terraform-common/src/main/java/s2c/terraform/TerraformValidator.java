package s2c.terraform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;
import s2c.diag.Suggestions;
import s2c.hcl.HclParser;
import s2c.hcl.HclSyntaxException;
import s2c.hcl.ParsedHcl.Attribute;
import s2c.hcl.ParsedHcl.Block;
import s2c.hcl.ParsedHcl.Body;
import s2c.hcl.ParsedHcl.Expr;
import s2c.hcl.ParsedHcl.Kind;
import s2c.spi.RenderedTree;
import tools.jackson.databind.JsonNode;

/**
 * Checks a Terraform module (every {@code .tf} in one directory) the way {@code terraform validate}
 * would without downloading providers: every file parses; every resource, data source, attribute
 * and block exists in the shipped provider schema; required ones are present; literal types fit;
 * every {@code var.}, {@code local.} and resource reference points at something declared; and every
 * provider used is declared in {@code required_providers} with its source.
 */
public final class TerraformValidator {
  private static final Map<String, Integer> TOP_LEVEL_LABELS =
      Map.ofEntries(
          Map.entry("terraform", 0),
          Map.entry("provider", 1),
          Map.entry("variable", 1),
          Map.entry("output", 1),
          Map.entry("locals", 0),
          Map.entry("resource", 2),
          Map.entry("data", 2),
          Map.entry("ephemeral", 2),
          Map.entry("module", 1),
          Map.entry("moved", 0),
          Map.entry("import", 0),
          Map.entry("check", 1),
          Map.entry("removed", 0));
  private static final Set<String> RESOURCE_META_ATTRS =
      Set.of("count", "for_each", "depends_on", "provider");
  private static final Set<String> RESOURCE_META_BLOCKS =
      Set.of("lifecycle", "provisioner", "connection");
  private static final Set<String> VARIABLE_ATTRS =
      Set.of("type", "default", "description", "sensitive", "nullable", "ephemeral");
  private static final Set<String> OUTPUT_ATTRS =
      Set.of("value", "description", "sensitive", "depends_on", "ephemeral");

  private final Map<String, ProviderSchema> providers = new LinkedHashMap<>();

  public TerraformValidator(List<ProviderSchema> schemas) {
    schemas.forEach(s -> providers.put(s.name(), s));
  }

  /** Validates the {@code .tf} files of {@code tree} under {@code dir} (e.g. "terraform/"). */
  public List<Diagnostic> validate(RenderedTree tree, String dir, String displayRoot) {
    List<Diagnostic> out = new ArrayList<>();
    Map<String, Body> files = new LinkedHashMap<>();
    tree.files()
        .forEach(
            (path, bytes) -> {
              if (path.startsWith(dir)
                  && path.endsWith(".tf")
                  && path.indexOf('/', dir.length()) < 0) {
                try {
                  files.put(path, HclParser.parse(new String(bytes, StandardCharsets.UTF_8)));
                } catch (HclSyntaxException e) {
                  out.add(
                      Diagnostic.error(
                          Codes.HCL_SYNTAX,
                          new SourceLocation(displayRoot + path, e.line(), e.column(), ""),
                          "HCL syntax error: " + e.getMessage(),
                          null));
                }
              }
            });
    new ModuleCheck(files, displayRoot, out).run();
    return out;
  }

  private final class ModuleCheck {
    private final Map<String, Body> files;
    private final String root;
    private final List<Diagnostic> out;
    private final Set<String> variables = new HashSet<>();
    private final Set<String> locals = new HashSet<>();
    private final Set<String> resources = new HashSet<>();
    private final Set<String> dataSources = new HashSet<>();
    private final Set<String> ephemerals = new HashSet<>();
    private final Set<String> ephemeralVariables = new HashSet<>();
    private final Map<String, String> requiredProviders = new HashMap<>();
    private final Set<String> usedProviders = new TreeSet<>();

    ModuleCheck(Map<String, Body> files, String root, List<Diagnostic> out) {
      this.files = files;
      this.root = root;
      this.out = out;
    }

    void run() {
      files.forEach(this::declarations);
      files.forEach(this::checkFile);
      for (String provider : usedProviders) {
        ProviderSchema schema = providers.get(provider);
        String declared = requiredProviders.get(provider);
        if (declared == null) {
          out.add(
              Diagnostic.error(
                  Codes.TF_MISSING_REQUIRED,
                  SourceLocation.file(root + "versions.tf"),
                  "provider '"
                      + provider
                      + "' is used but not declared in terraform.required_providers",
                  "declare "
                      + provider
                      + " = { source = \""
                      + (schema == null ? "?" : schema.source())
                      + "\" }"));
        } else if (schema != null && !declared.equalsIgnoreCase(schema.source())) {
          out.add(
              Diagnostic.error(
                  Codes.VALUE_NOT_ALLOWED_TF,
                  SourceLocation.file(root + "versions.tf"),
                  "provider '"
                      + provider
                      + "' must come from '"
                      + schema.source()
                      + "', not '"
                      + declared
                      + "'",
                  null));
        }
      }
    }

    private void declarations(String file, Body body) {
      for (Block b : body.blocks()) {
        switch (b.type()) {
          case "variable" -> {
            if (b.labels().size() == 1) {
              variables.add(b.labels().get(0));
              if (b.body().attributes().stream()
                  .anyMatch(
                      a ->
                          a.name().equals("ephemeral")
                              && a.value().literal().map("true"::equals).orElse(false))) {
                ephemeralVariables.add(b.labels().get(0));
              }
            }
          }
          case "ephemeral" -> {
            if (b.labels().size() == 2) {
              ephemerals.add(b.labels().get(0) + "." + b.labels().get(1));
            }
          }
          case "locals" -> b.body().attributes().forEach(a -> locals.add(a.name()));
          case "resource" -> {
            if (b.labels().size() == 2
                && !resources.add(b.labels().get(0) + "." + b.labels().get(1))) {
              error(
                  file,
                  b.line(),
                  b.column(),
                  Codes.DUPLICATE_ADDRESS,
                  "duplicate resource " + b.labels().get(0) + "." + b.labels().get(1),
                  null);
            }
          }
          case "data" -> {
            if (b.labels().size() == 2) {
              dataSources.add(b.labels().get(0) + "." + b.labels().get(1));
            }
          }
          case "terraform" -> {
            for (Block rp : b.body().blocks()) {
              if (rp.type().equals("required_providers")) {
                for (Attribute a : rp.body().attributes()) {
                  Expr source = a.value().entries().get("source");
                  requiredProviders.put(
                      a.name(),
                      source == null ? "hashicorp/" + a.name() : source.literal().orElse("?"));
                }
              }
            }
          }
          default -> {}
        }
      }
    }

    private void checkFile(String file, Body body) {
      for (Attribute a : body.attributes()) {
        error(
            file,
            a.line(),
            a.column(),
            Codes.TF_UNKNOWN_NAME,
            "attribute '" + a.name() + "' is not allowed at the top level of a module",
            "top-level items are blocks: resource, data, variable, output, locals, provider, terraform, module");
      }
      for (Block b : body.blocks()) {
        Integer labels = TOP_LEVEL_LABELS.get(b.type());
        if (labels == null) {
          error(
              file,
              b.line(),
              b.column(),
              Codes.TF_UNKNOWN_NAME,
              "unknown top-level block '" + b.type() + "'",
              Suggestions.didYouMean(b.type(), TOP_LEVEL_LABELS.keySet()));
          continue;
        }
        if (b.labels().size() != labels) {
          error(
              file,
              b.line(),
              b.column(),
              Codes.HCL_SYNTAX,
              "block '" + b.type() + "' takes " + labels + " label(s), found " + b.labels().size(),
              null);
          continue;
        }
        switch (b.type()) {
          case "resource" -> typed(file, b, TypedBlock.RESOURCE);
          case "data" -> typed(file, b, TypedBlock.DATA);
          case "ephemeral" -> typed(file, b, TypedBlock.EPHEMERAL);
          case "variable" -> plain(file, b, VARIABLE_ATTRS, Set.of("validation"), Set.of());
          case "output" -> plain(file, b, OUTPUT_ATTRS, Set.of("precondition"), Set.of("value"));
          case "provider" -> providerBlock(file, b);
          case "terraform" ->
              plain(
                  file,
                  b,
                  Set.of("required_version", "experiments"),
                  Set.of("required_providers", "backend", "cloud", "provider_meta"),
                  Set.of());
          default -> references(file, b.body());
        }
      }
    }

    private void plain(
        String file, Block b, Set<String> attrs, Set<String> blocks, Set<String> required) {
      for (Attribute a : b.body().attributes()) {
        if (!attrs.contains(a.name())) {
          error(
              file,
              a.line(),
              a.column(),
              Codes.TF_UNKNOWN_NAME,
              "'" + a.name() + "' is not an argument of a " + b.type() + " block",
              Suggestions.didYouMean(a.name(), attrs));
        }
        references(file, a);
      }
      for (Block inner : b.body().blocks()) {
        if (!blocks.contains(inner.type())) {
          error(
              file,
              inner.line(),
              inner.column(),
              Codes.TF_UNKNOWN_NAME,
              "'" + inner.type() + "' is not a block of a " + b.type() + " block",
              Suggestions.didYouMean(inner.type(), blocks));
        }
        references(file, inner.body());
      }
      for (String name : required) {
        if (b.body().attributes().stream().noneMatch(a -> a.name().equals(name))) {
          error(
              file,
              b.line(),
              b.column(),
              Codes.TF_MISSING_REQUIRED,
              b.type() + " " + String.join(".", b.labels()) + " needs '" + name + "'",
              null);
        }
      }
    }

    private void providerBlock(String file, Block b) {
      String name = b.labels().get(0);
      ProviderSchema schema = providers.get(name);
      if (schema == null) {
        error(
            file,
            b.line(),
            b.column(),
            Codes.TF_UNKNOWN_TYPE,
            "no schema is shipped for provider '" + name + "'",
            "known providers: " + providers.keySet());
        return;
      }
      usedProviders.add(name);
      checkBody(
          file,
          b.body(),
          schema.provider(),
          "provider " + name,
          Set.of("alias", "version"),
          Set.of());
    }

    private void typed(String file, Block b, TypedBlock what) {
      boolean data = what == TypedBlock.DATA;
      String type = b.labels().get(0);
      int underscore = type.indexOf('_');
      String providerName = underscore > 0 ? type.substring(0, underscore) : type;
      ProviderSchema schema = providers.get(providerName);
      String kind = what.label;
      if (schema == null) {
        error(
            file,
            b.line(),
            b.column(),
            Codes.TF_UNKNOWN_TYPE,
            "no schema is shipped for the provider of " + kind + " type '" + type + "'",
            "known providers: " + providers.keySet());
        return;
      }
      usedProviders.add(providerName);
      JsonNode types =
          switch (what) {
            case DATA -> schema.dataSources();
            case EPHEMERAL -> schema.ephemeralResources();
            case RESOURCE -> schema.resources();
          };
      JsonNode typeSchema = types.path(type);
      if (typeSchema.isMissingNode()) {
        Set<String> omitted = data ? schema.omittedDataSources() : schema.omittedResources();
        TreeSet<String> known = new TreeSet<>();
        types.propertyNames().forEach(known::add);
        known.addAll(omitted);
        if (omitted.contains(type)) {
          error(
              file,
              b.line(),
              b.column(),
              Codes.TF_UNKNOWN_TYPE,
              kind
                  + " type '"
                  + type
                  + "' exists in "
                  + schema.source()
                  + " but is outside the schema subset shipped with scenario-to-cloud",
              "add it to schemas/src/main/resources/s2c/schemas/terraform (see schemas/README.md)");
        } else {
          error(
              file,
              b.line(),
              b.column(),
              Codes.TF_UNKNOWN_TYPE,
              "unknown "
                  + kind
                  + " type '"
                  + type
                  + "' in provider "
                  + schema.source()
                  + " "
                  + schema.version(),
              Suggestions.didYouMean(type, known));
        }
        return;
      }
      checkBody(
          file,
          b.body(),
          typeSchema,
          kind + " " + type + "." + b.labels().get(1),
          RESOURCE_META_ATTRS,
          RESOURCE_META_BLOCKS);
      if (what != TypedBlock.EPHEMERAL) {
        writeOnlyOnly(file, b.body(), typeSchema.path("attributes"));
      }
    }

    /**
     * An ephemeral value (an ephemeral resource's result, a variable declared {@code ephemeral})
     * may reach a resource only through a write-only argument ({@code *_wo}): any other argument
     * stores it in the plan and the state. Terraform refuses it when planning; this says so before.
     */
    private void writeOnlyOnly(String file, Body body, JsonNode attrs) {
      for (Attribute a : body.attributes()) {
        boolean writeOnly = a.name().endsWith("_wo") && attrs.has(a.name());
        if (writeOnly) {
          continue;
        }
        for (String traversal : a.value().traversals()) {
          String[] parts = traversal.split("[.\\[]");
          boolean ephemeral =
              parts.length > 2 && parts[0].equals("ephemeral")
                  || parts.length > 1
                      && parts[0].equals("var")
                      && ephemeralVariables.contains(parts[1]);
          if (ephemeral) {
            error(
                file,
                a.line(),
                a.column(),
                Codes.SECRET_IN_STATE,
                "ephemeral value "
                    + traversal
                    + " in argument '"
                    + a.name()
                    + "', which Terraform keeps in plan and state",
                "pass it only to a write-only argument (*_wo, with its *_wo_version)");
          }
        }
      }
      body.blocks().forEach(inner -> writeOnlyOnly(file, inner.body(), attrs.path("none")));
    }

    private void checkBody(
        String file,
        Body body,
        JsonNode schema,
        String where,
        Set<String> metaAttrs,
        Set<String> metaBlocks) {
      JsonNode attrs = schema.path("attributes");
      JsonNode blocks = schema.path("blocks");
      TreeSet<String> attrNames = names(attrs);
      TreeSet<String> blockNames = names(blocks);
      for (Attribute a : body.attributes()) {
        references(file, a);
        if (metaAttrs.contains(a.name())) {
          continue;
        }
        JsonNode spec = attrs.path(a.name());
        if (spec.isMissingNode()) {
          String hint =
              blockNames.contains(a.name())
                  ? "'" + a.name() + "' is a block: write " + a.name() + " { ... }"
                  : Suggestions.didYouMean(a.name(), attrNames);
          error(
              file,
              a.line(),
              a.column(),
              Codes.TF_UNKNOWN_NAME,
              "unknown argument '" + a.name() + "' in " + where,
              hint);
          continue;
        }
        checkType(file, a, spec.path("type").asString("any"), where);
      }
      Map<String, Integer> counts = new HashMap<>();
      for (Block inner : body.blocks()) {
        if (metaBlocks.contains(inner.type())) {
          references(file, inner.body());
          continue;
        }
        JsonNode spec = blocks.path(inner.type());
        if (spec.isMissingNode()) {
          String hint =
              attrNames.contains(inner.type())
                  ? "'" + inner.type() + "' is an argument: write " + inner.type() + " = ..."
                  : Suggestions.didYouMean(inner.type(), blockNames);
          error(
              file,
              inner.line(),
              inner.column(),
              Codes.TF_UNKNOWN_NAME,
              "unknown block '" + inner.type() + "' in " + where,
              hint);
          references(file, inner.body());
          continue;
        }
        int n = counts.merge(inner.type(), 1, Integer::sum);
        int max = spec.path("max_items").asInt(0);
        if ((max > 0 && n > max) || ("single".equals(spec.path("nesting").asString()) && n > 1)) {
          error(
              file,
              inner.line(),
              inner.column(),
              Codes.TF_TOO_MANY_BLOCKS,
              "too many '"
                  + inner.type()
                  + "' blocks in "
                  + where
                  + " (at most "
                  + Math.max(max, 1)
                  + ")",
              null);
        }
        if (spec.path("unchecked").asBoolean(false)) {
          continue;
        }
        checkBody(file, inner.body(), spec, where + " → " + inner.type(), Set.of(), Set.of());
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = attrs.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> a = it.next();
        if (a.getValue().path("required").asBoolean(false)
            && body.attributes().stream().noneMatch(x -> x.name().equals(a.getKey()))) {
          error(
              file,
              0,
              0,
              Codes.TF_MISSING_REQUIRED,
              where + " is missing required argument '" + a.getKey() + "'",
              null);
        }
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = blocks.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> bl = it.next();
        int min =
            Math.max(
                bl.getValue().path("min_items").asInt(0),
                bl.getValue().path("required").asBoolean(false) ? 1 : 0);
        if (counts.getOrDefault(bl.getKey(), 0) < min) {
          error(
              file,
              0,
              0,
              Codes.TF_MISSING_REQUIRED,
              where + " needs at least " + min + " '" + bl.getKey() + "' block(s)",
              null);
        }
      }
    }

    private void checkType(String file, Attribute a, String type, String where) {
      Kind kind = a.value().kind();
      if (kind == Kind.OTHER || kind == Kind.NULL || type.equals("any")) {
        return;
      }
      boolean ok;
      if (type.equals("string")) {
        ok = kind == Kind.STRING || kind == Kind.NUMBER || kind == Kind.BOOL;
      } else if (type.equals("number")) {
        ok =
            kind == Kind.NUMBER
                || (kind == Kind.STRING
                    && a.value()
                        .literal()
                        .map(s -> s.matches("-?[0-9]+(\\.[0-9]+)?"))
                        .orElse(true));
      } else if (type.equals("bool")) {
        ok =
            kind == Kind.BOOL
                || (kind == Kind.STRING
                    && a.value()
                        .literal()
                        .map(s -> s.equals("true") || s.equals("false"))
                        .orElse(true));
      } else if (type.startsWith("list") || type.startsWith("set")) {
        ok = kind == Kind.TUPLE;
      } else if (type.startsWith("map") || type.equals("object")) {
        ok = kind == Kind.OBJECT;
      } else {
        ok = true;
      }
      if (!ok) {
        error(
            file,
            a.line(),
            a.column(),
            Codes.TF_WRONG_TYPE,
            "argument '"
                + a.name()
                + "' in "
                + where
                + " must be "
                + type
                + ", found a "
                + kind.name().toLowerCase(java.util.Locale.ROOT),
            null);
      }
    }

    private void references(String file, Body body) {
      body.attributes().forEach(a -> references(file, a));
      body.blocks().forEach(b -> references(file, b.body()));
    }

    private void references(String file, Attribute a) {
      for (String traversal : a.value().traversals()) {
        String[] parts = traversal.split("[.\\[]");
        String head = parts[0];
        if (parts.length < 2) {
          continue; // a for-expression or function-local name
        }
        String name = parts[1];
        switch (head) {
          case "var" -> {
            if (!variables.contains(name)) {
              error(
                  file,
                  a.line(),
                  a.column(),
                  Codes.TF_UNKNOWN_NAME,
                  "reference to undeclared variable var." + name,
                  Suggestions.didYouMean(name, variables));
            }
          }
          case "local" -> {
            if (!locals.contains(name)) {
              error(
                  file,
                  a.line(),
                  a.column(),
                  Codes.TF_UNKNOWN_NAME,
                  "reference to undeclared local value local." + name,
                  null);
            }
          }
          case "ephemeral" -> {
            if (parts.length > 2 && !ephemerals.contains(name + "." + parts[2])) {
              error(
                  file,
                  a.line(),
                  a.column(),
                  Codes.TF_UNKNOWN_NAME,
                  "reference to undeclared ephemeral resource ephemeral." + name + "." + parts[2],
                  null);
            }
          }
          case "data" -> {
            if (parts.length > 2 && !dataSources.contains(name + "." + parts[2])) {
              error(
                  file,
                  a.line(),
                  a.column(),
                  Codes.TF_UNKNOWN_NAME,
                  "reference to undeclared data source data." + name + "." + parts[2],
                  null);
            }
          }
          default -> {
            if (head.contains("_")
                && providers.containsKey(head.substring(0, head.indexOf('_')))
                && !resources.contains(head + "." + name)) {
              error(
                  file,
                  a.line(),
                  a.column(),
                  Codes.TF_UNKNOWN_NAME,
                  "reference to undeclared resource " + head + "." + name,
                  Suggestions.didYouMean(head + "." + name, resources));
            }
          }
        }
      }
    }

    private void error(
        String file, int line, int column, String code, String message, String hint) {
      out.add(
          Diagnostic.error(code, new SourceLocation(root + file, line, column, ""), message, hint));
    }
  }

  private enum TypedBlock {
    RESOURCE("resource"),
    DATA("data source"),
    EPHEMERAL("ephemeral resource");

    final String label;

    TypedBlock(String label) {
      this.label = label;
    }
  }

  private static TreeSet<String> names(JsonNode node) {
    TreeSet<String> names = new TreeSet<>();
    node.propertyNames().forEach(names::add);
    return names;
  }
}
