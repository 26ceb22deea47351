package com.conobium.gardien.modules.packages;

import com.conobium.gardien.model.ManifestDuration;
import com.conobium.gardien.model.PackagesSpec;
import com.conobium.gardien.modules.spi.ProbeScripts;
import com.conobium.gardien.modules.spi.ProbedModule;
import com.conobium.gardien.modules.spi.ResourceModule;
import com.conobium.gardien.modules.spi.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Debian packages: installs the manifest's {@code packages.install} plus what other modules need
 * (each declares them: {@link ResourceModule#packages}), purges {@code packages.remove}, and owns the apt proxy file. Other
 * modules that install software run after this one.
 */
public final class PackagesModule extends ProbedModule<PackagesDesired, PackagesFacts> {
  public static final String NAME = "packages";

  private static final String PROBE = ProbeScripts.load(PackagesModule.class, "probe.sh");

  private final RequiredPackages required;

  /** The packages module alone: the manifest's packages, none for other modules. */
  public PackagesModule() {
    this(new RequiredPackages(java.util.List::of));
  }

  /** Installs also what each registered module declares ({@link ResourceModule#packages}). */
  @jakarta.inject.Inject
  public PackagesModule(jakarta.inject.Provider<java.util.Set<ResourceModule<?, ?>>> modules) {
    this(new RequiredPackages(modules));
  }

  PackagesModule(RequiredPackages required) {
    super(NAME, java.util.Set.of(), PackagesFacts::parse, new PackagesPlanner()::plan);
    this.required = required;
  }

  @Override
  public PackagesDesired desired(Target target) {
    PackagesSpec spec = target.spec().packages();
    List<String> install = new ArrayList<>(spec.install());
    install.addAll(required.of(target.spec()));
    return new PackagesDesired(
        install,
        spec.remove(),
        Optional.ofNullable(spec.aptProxy()),
        ManifestDuration.parse(spec.listsMaxAge()));
  }

  @Override
  public String probe(PackagesDesired desired) {
    return PROBE;
  }

}
