package s2c.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * All targets on the class path, by id and alias; two targets claiming one name is a build error.
 */
public final class TargetRegistry {
  private final Map<String, Target> byName;
  private final List<Target> targets;

  private TargetRegistry(List<Target> targets) {
    this.targets = targets.stream().sorted(Comparator.comparing(Target::id)).toList();
    Map<String, Target> names = new LinkedHashMap<>();
    for (Target t : this.targets) {
      List<String> all = new ArrayList<>(t.aliases());
      all.add(0, t.id());
      for (String name : all) {
        Target previous = names.put(name, t);
        if (previous != null) {
          throw new IllegalStateException(
              "targets "
                  + previous.getClass().getName()
                  + " and "
                  + t.getClass().getName()
                  + " both claim the name '"
                  + name
                  + "'");
        }
      }
    }
    this.byName = Map.copyOf(names);
  }

  public static TargetRegistry load() {
    List<Target> found = new ArrayList<>();
    ServiceLoader.load(Target.class, TargetRegistry.class.getClassLoader()).forEach(found::add);
    return new TargetRegistry(found);
  }

  public static TargetRegistry of(List<Target> targets) {
    return new TargetRegistry(targets);
  }

  public Optional<Target> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public List<Target> all() {
    return targets;
  }

  /** What holds data on any installed target ({@link Target#statefulTypes}), for publish's gate. */
  public java.util.SortedSet<String> statefulTypes() {
    java.util.TreeSet<String> types = new java.util.TreeSet<>();
    targets.forEach(t -> types.addAll(t.statefulTypes()));
    return types;
  }

  /**
   * Every provider as id, aliases, formats, description, mappings and resource catalogue (for
   * `providers` and the API).
   */
  public List<Map<String, Object>> descriptions() {
    return targets.stream()
        .map(
            t -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("id", t.id());
              m.put("aliases", t.aliases());
              m.put("formats", t.formats());
              m.put("description", t.description());
              m.put("mappings", t.mappings());
              Map<String, Object> resources = new LinkedHashMap<>();
              t.resourceCatalogue()
                  .forEach(
                      (type, support) ->
                          resources.put(
                              type,
                              Map.of(
                                  "placement",
                                  support.placement().name().toLowerCase(java.util.Locale.ROOT),
                                  "how",
                                  support.how())));
              m.put("resources", resources);
              return m;
            })
        .toList();
  }

  public TreeSet<String> names() {
    return new TreeSet<>(byName.keySet());
  }
}
