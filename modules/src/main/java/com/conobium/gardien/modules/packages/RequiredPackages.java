package com.conobium.gardien.modules.packages;

import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.modules.spi.ResourceModule;
import jakarta.inject.Provider;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The packages the registered modules need, each as it declares them in
 * {@link ResourceModule#packages(ServerSpec)}: the packages module installs them in the same apt
 * run as the manifest's own list. Knows no module by name. The modules come through a provider,
 * since the packages module is one of them.
 */
public final class RequiredPackages {
  private final Provider<? extends Collection<? extends ResourceModule<?, ?>>> modules;

  public RequiredPackages(Provider<? extends Collection<? extends ResourceModule<?, ?>>> modules) {
    this.modules = modules;
  }

  /** Every package the modules need for {@code spec}. */
  public SortedSet<String> of(ServerSpec spec) {
    SortedSet<String> needed = new TreeSet<>();
    modules.get().forEach(module -> needed.addAll(module.packages(spec)));
    return needed;
  }
}
