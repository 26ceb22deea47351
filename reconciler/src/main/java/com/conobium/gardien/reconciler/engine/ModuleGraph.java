package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.modules.spi.ResourceModule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The registered resource modules in apply order: every module after the modules it names in
 * {@link ResourceModule#after()}, ties broken by name so the order never depends on registration.
 */
public final class ModuleGraph {
  private final List<ResourceModule<?, ?>> ordered;
  private final Map<String, Set<String>> after;

  public ModuleGraph(Collection<? extends ResourceModule<?, ?>> modules) {
    Map<String, ResourceModule<?, ?>> byName = new TreeMap<>();
    for (ResourceModule<?, ?> m : modules) {
      if (byName.put(m.name(), m) != null) {
        throw new IllegalArgumentException("two resource modules are named '" + m.name() + "'");
      }
    }
    this.after = new HashMap<>();
    for (ResourceModule<?, ?> m : byName.values()) {
      for (String dep : m.after()) {
        if (!byName.containsKey(dep)) {
          throw new IllegalArgumentException(
              "resource module '" + m.name() + "' comes after unknown module '" + dep + "'");
        }
      }
      after.put(m.name(), Set.copyOf(m.after()));
    }
    this.ordered = sort(byName);
  }

  private List<ResourceModule<?, ?>> sort(Map<String, ResourceModule<?, ?>> byName) {
    List<ResourceModule<?, ?>> result = new ArrayList<>();
    Set<String> done = new HashSet<>();
    TreeSet<String> pending = new TreeSet<>(byName.keySet());
    while (!pending.isEmpty()) {
      String next =
          pending.stream()
              .filter(n -> done.containsAll(after.get(n)))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "resource modules depend on each other in a cycle: " + pending));
      pending.remove(next);
      done.add(next);
      result.add(byName.get(next));
    }
    return List.copyOf(result);
  }

  /** All modules, each after the modules it depends on. */
  public List<ResourceModule<?, ?>> ordered() {
    return ordered;
  }

  /** Whether {@code module} depends, directly or through others, on {@code other}. */
  public boolean dependsOn(String module, String other) {
    Set<String> seen = new HashSet<>();
    List<String> todo = new ArrayList<>(after.getOrDefault(module, Set.of()));
    while (!todo.isEmpty()) {
      String m = todo.remove(todo.size() - 1);
      if (m.equals(other)) {
        return true;
      }
      if (seen.add(m)) {
        todo.addAll(after.getOrDefault(m, Set.of()));
      }
    }
    return false;
  }
}
