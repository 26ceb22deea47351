package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.modules.BuiltinResourceModules;
import com.conobium.gardien.modules.spi.ResourceModule;
import com.conobium.gardien.reconciler.engine.ModuleGraph;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.util.Set;

/** Guice wiring of the command line: the registered modules, the printer, the SSH side. */
final class CliWiring extends AbstractModule {
  @Override
  protected void configure() {
    install(new BuiltinResourceModules());
    bind(ReconcilerFactory.class).to(SshReconcilerFactory.class);
  }

  @Provides
  @Singleton
  ModuleGraph moduleGraph(Set<ResourceModule<?, ?>> modules) {
    return new ModuleGraph(modules);
  }

  @Provides
  @Singleton
  Printer printer() {
    return new Printer(System.out, System.err);
  }

  @Provides
  RepoReader repoReader() {
    return new RepoReader();
  }
}
