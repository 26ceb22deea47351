package com.conobium.gardien.modules;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.ResourceModule;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltinResourceModulesTest {
  @Test
  void everyBuiltinModuleIsBoundOnceUnderItsName() {
    Set<ResourceModule<?, ?>> modules =
        Guice.createInjector(new BuiltinResourceModules())
            .getInstance(Key.get(new TypeLiteral<Set<ResourceModule<?, ?>>>() {}));

    assertThat(modules)
        .extracting(ResourceModule::name)
        .containsExactlyInAnyOrder("packages", "time", "prerequisites", "ssh", "alerts", "firewall", "accounts", "fail2ban",
            "web", "database", "sites", "backup", "tls", "hardening", "swap");
  }

  @Test
  void everyDependencyNamesABoundModule() {
    Set<ResourceModule<?, ?>> modules =
        Guice.createInjector(new BuiltinResourceModules())
            .getInstance(Key.get(new TypeLiteral<Set<ResourceModule<?, ?>>>() {}));
    Set<String> names =
        modules.stream().map(ResourceModule::name).collect(java.util.stream.Collectors.toSet());

    modules.forEach(m -> assertThat(names).containsAll(m.after()));
  }
}
