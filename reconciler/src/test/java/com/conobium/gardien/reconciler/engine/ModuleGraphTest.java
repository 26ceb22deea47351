package com.conobium.gardien.reconciler.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.modules.spi.ResourceModule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleGraphTest {
  private static FileModule m(String name, String... after) {
    return new FileModule(name, Path.of("/nonexistent"), "", after);
  }

  @Test
  void ordersByDependencyThenByName() {
    ModuleGraph g = new ModuleGraph(List.of(m("web", "packages", "firewall"), m("time", "packages"),
        m("packages"), m("firewall", "packages"), m("accounts")));
    assertThat(g.ordered()).extracting(ResourceModule::name)
        .containsExactly("accounts", "packages", "firewall", "time", "web");
  }

  @Test
  void orderDoesNotDependOnRegistrationOrder() {
    var a = new ModuleGraph(List.of(m("b"), m("a"), m("c", "b")));
    var b = new ModuleGraph(List.of(m("c", "b"), m("a"), m("b")));
    assertThat(a.ordered()).extracting(ResourceModule::name).containsExactly("a", "b", "c");
    assertThat(b.ordered()).extracting(ResourceModule::name).containsExactly("a", "b", "c");
  }

  @Test
  void dependsOnIsTransitive() {
    ModuleGraph g = new ModuleGraph(List.of(m("a"), m("b", "a"), m("c", "b"), m("d")));
    assertThat(g.dependsOn("c", "a")).isTrue();
    assertThat(g.dependsOn("b", "a")).isTrue();
    assertThat(g.dependsOn("a", "c")).isFalse();
    assertThat(g.dependsOn("d", "a")).isFalse();
  }

  @Test
  void rejectsUnknownDependenciesCyclesAndDuplicateNames() {
    assertThatThrownBy(() -> new ModuleGraph(List.of(m("a", "nope"))))
        .hasMessage("resource module 'a' comes after unknown module 'nope'");
    assertThatThrownBy(() -> new ModuleGraph(List.of(m("a", "b"), m("b", "a"), m("c"))))
        .hasMessage("resource modules depend on each other in a cycle: [a, b]");
    assertThatThrownBy(() -> new ModuleGraph(List.of(m("a"), m("a"))))
        .hasMessage("two resource modules are named 'a'");
  }
}
