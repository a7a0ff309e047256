package s2c.gitops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import s2c.hcl.HclParser;
import s2c.hcl.HclSyntaxException;
import s2c.hcl.ParsedHcl;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What a change does, for reviewers: files added, changed and removed; Terraform resources and API
 * objects (YAML documents with a kind and a name) added, changed and removed; and what would be
 * destroyed or replaced.
 */
public record ChangeSummary(
    List<String> filesAdded,
    List<String> filesChanged,
    List<String> filesRemoved,
    List<String> resourcesAdded,
    List<String> resourcesChanged,
    List<String> resourcesRemoved,
    List<String> objectsAdded,
    List<String> objectsChanged,
    List<String> objectsRemoved,
    List<String> destructive,
    List<String> resourcesReplaced,
    Optional<CostChange> cost) {

  /** The replacement rules of every installed target (each target knows its own providers). */
  private static final class InstalledRules {
    static final Map<String, Set<String>> RULES = load();

    private static Map<String, Set<String>> load() {
      Map<String, Set<String>> rules = new java.util.TreeMap<>();
      for (s2c.spi.Target t : s2c.spi.TargetRegistry.load().all()) {
        t.replacementArguments()
            .forEach(
                (type, args) -> rules.computeIfAbsent(type, k -> new TreeSet<>()).addAll(args));
      }
      return Map.copyOf(rules);
    }
  }

  public boolean isEmpty() {
    return filesAdded.isEmpty() && filesChanged.isEmpty() && filesRemoved.isEmpty();
  }

  public static ChangeSummary between(Map<String, byte[]> before, Map<String, byte[]> after) {
    return between(before, after, InstalledRules.RULES);
  }

  /**
   * {@code forcesReplacement}: by resource type, the arguments whose change replaces the resource.
   */
  public static ChangeSummary between(
      Map<String, byte[]> before,
      Map<String, byte[]> after,
      Map<String, Set<String>> forcesReplacement) {
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    TreeSet<String> all = new TreeSet<>(before.keySet());
    all.addAll(after.keySet());
    for (String path : all) {
      byte[] a = before.get(path);
      byte[] b = after.get(path);
      if (a == null) {
        added.add(path);
      } else if (b == null) {
        removed.add(path);
      } else if (!Arrays.equals(a, b)) {
        changed.add(path);
      }
    }
    Map<String, String> oldResources = terraformBlocks(before);
    Map<String, String> newResources = terraformBlocks(after);
    Map<String, String> oldObjects = apiObjects(before);
    Map<String, String> newObjects = apiObjects(after);
    List<String> destructive = new ArrayList<>();
    List<String> resourcesRemoved = removedKeys(oldResources, newResources);
    resourcesRemoved.forEach(r -> destructive.add(r + " will be destroyed"));
    List<String> resourcesChanged = changedKeys(oldResources, newResources);
    List<String> replaced = new ArrayList<>();
    for (String address : resourcesChanged) {
      String type = address.split("\\.")[0];
      for (String argument : forcesReplacement.getOrDefault(type, Set.of())) {
        if (!argumentLine(oldResources.get(address), argument)
            .equals(argumentLine(newResources.get(address), argument))) {
          destructive.add(
              address + " will be replaced (destroyed and re-created): '" + argument + "' changes");
          if (!replaced.contains(address)) {
            replaced.add(address);
          }
        }
      }
    }
    List<String> objectsRemoved = removedKeys(oldObjects, newObjects);
    objectsRemoved.forEach(o -> destructive.add(o + " will be deleted from the cluster"));
    return new ChangeSummary(
        added,
        changed,
        removed,
        addedKeys(oldResources, newResources),
        resourcesChanged,
        resourcesRemoved,
        addedKeys(oldObjects, newObjects),
        changedKeys(oldObjects, newObjects),
        objectsRemoved,
        destructive,
        replaced,
        CostChange.between(before, after));
  }

  private static String argumentLine(String block, String argument) {
    for (String line : block.split("\n")) {
      String t = line.strip();
      if (t.startsWith(argument + " ") || t.startsWith(argument + "=")) {
        return t.replaceAll("\\s+", " ");
      }
    }
    return "";
  }

  /** resource/data address → the block's text (from its first line to the next block). */
  static Map<String, String> terraformBlocks(Map<String, byte[]> files) {
    TreeMap<String, String> blocks = new TreeMap<>();
    files.forEach(
        (path, bytes) -> {
          if (!path.endsWith(".tf")) {
            return;
          }
          String text = new String(bytes, StandardCharsets.UTF_8);
          String[] lines = text.split("\n", -1);
          try {
            List<ParsedHcl.Block> top = HclParser.parse(text).blocks();
            for (int i = 0; i < top.size(); i++) {
              ParsedHcl.Block b = top.get(i);
              if ((b.type().equals("resource") || b.type().equals("data"))
                  && b.labels().size() == 2) {
                int end = i + 1 < top.size() ? top.get(i + 1).line() - 1 : lines.length;
                String prefix = b.type().equals("data") ? "data." : "";
                blocks.put(
                    prefix + b.labels().get(0) + "." + b.labels().get(1),
                    String.join("\n", Arrays.asList(lines).subList(b.line() - 1, end)).strip());
              }
            }
          } catch (HclSyntaxException e) {
            blocks.put("(unparseable " + path + ")", text);
          }
        });
    return blocks;
  }

  /** kind/namespace/name → the object's canonical JSON, for every YAML document with a kind. */
  static Map<String, String> apiObjects(Map<String, byte[]> files) {
    TreeMap<String, String> objects = new TreeMap<>();
    YAMLMapper yaml = YAMLMapper.builder().build();
    files.forEach(
        (path, bytes) -> {
          if (!(path.endsWith(".yaml") || path.endsWith(".yml")) || path.contains("/templates/")) {
            return;
          }
          try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(bytes)) {
            while (docs.hasNext()) {
              JsonNode doc = docs.next();
              if (doc != null && doc.has("kind") && doc.path("metadata").has("name")) {
                String ns = doc.path("metadata").path("namespace").asString("");
                objects.put(
                    doc.path("kind").asString()
                        + "/"
                        + (ns.isEmpty() ? "" : ns + "/")
                        + doc.path("metadata").path("name").asString(),
                    doc.toString());
              }
            }
          } catch (RuntimeException e) {
            // not objects (or not YAML at all): files still show in the file lists
          }
        });
    return objects;
  }

  private static List<String> addedKeys(Map<String, String> a, Map<String, String> b) {
    return b.keySet().stream().filter(k -> !a.containsKey(k)).toList();
  }

  private static List<String> removedKeys(Map<String, String> a, Map<String, String> b) {
    return new ArrayList<>(a.keySet().stream().filter(k -> !b.containsKey(k)).toList());
  }

  private static List<String> changedKeys(Map<String, String> a, Map<String, String> b) {
    return a.keySet().stream().filter(k -> b.containsKey(k) && !a.get(k).equals(b.get(k))).toList();
  }

  /** Markdown for a pull request body or a review comment. */
  public String toMarkdown(String title) {
    StringBuilder out = new StringBuilder("## ").append(title).append("\n\n");
    if (!destructive.isEmpty()) {
      out.append("### ⚠ Destructive changes\n\n");
      destructive.forEach(d -> out.append("- **").append(d).append("**\n"));
      out.append('\n');
    }
    cost.ifPresent(c -> out.append(c.toMarkdown()));
    section(out, "Terraform resources", resourcesAdded, resourcesChanged, resourcesRemoved);
    section(out, "API objects", objectsAdded, objectsChanged, objectsRemoved);
    section(out, "Files", filesAdded, filesChanged, filesRemoved);
    return out.toString();
  }

  private static void section(
      StringBuilder out,
      String name,
      List<String> added,
      List<String> changed,
      List<String> removed) {
    if (added.isEmpty() && changed.isEmpty() && removed.isEmpty()) {
      return;
    }
    out.append("### ").append(name).append("\n\n");
    added.forEach(x -> out.append("- added `").append(x).append("`\n"));
    changed.forEach(x -> out.append("- changed `").append(x).append("`\n"));
    removed.forEach(x -> out.append("- removed `").append(x).append("`\n"));
    out.append('\n');
  }

  /** One line: "3 files (+1 ~2 -0), 2 resources (+1 ~1 -0)". */
  public String oneLine() {
    return files().size()
        + " files (+"
        + filesAdded.size()
        + " ~"
        + filesChanged.size()
        + " -"
        + filesRemoved.size()
        + "), "
        + (resourcesAdded.size() + resourcesChanged.size() + resourcesRemoved.size())
        + " Terraform resources (+"
        + resourcesAdded.size()
        + " ~"
        + resourcesChanged.size()
        + " -"
        + resourcesRemoved.size()
        + "), "
        + (objectsAdded.size() + objectsChanged.size() + objectsRemoved.size())
        + " API objects (+"
        + objectsAdded.size()
        + " ~"
        + objectsChanged.size()
        + " -"
        + objectsRemoved.size()
        + ")"
        + (destructive.isEmpty() ? "" : ", " + destructive.size() + " destructive");
  }

  private List<String> files() {
    List<String> all = new ArrayList<>(filesAdded);
    all.addAll(filesChanged);
    all.addAll(filesRemoved);
    return all;
  }
}
