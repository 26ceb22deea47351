package com.conobium.gardien.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.PackagesSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.modules.BuiltinResourceModules;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.ProbeRunner;
import com.conobium.gardien.modules.spi.ResourceModule;
import com.conobium.gardien.modules.spi.Target;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PackagesModuleTest {
  /** The packages module as the engine has it: with every registered module's packages. */
  private final PackagesModule module = (PackagesModule) Guice.createInjector(new BuiltinResourceModules())
      .getInstance(Key.get(new TypeLiteral<Set<ResourceModule<?, ?>>>() {})).stream()
      .filter(m -> m.name().equals("packages")).findFirst().orElseThrow();

  static Target target(PackagesSpec packages) {
    ServerSpec spec =
        ServerSpec.builder().packages(packages).build();
    return new Target(new Server("web1", null, spec, Path.of("servers/web1.yaml")), new FleetSpec(null, null, null, null, null));
  }

  @Test
  void nameAndOrder() {
    assertThat(module.name()).isEqualTo("packages");
    assertThat(module.after()).isEmpty();
  }

  @Test
  void desiredIsTheManifestPlusWhatOtherModulesNeed() {
    PackagesDesired desired =
        module.desired(
            target(new PackagesSpec(List.of("nginx", "curl"), List.of("telnet"), "http://p:3142", "6h")));

    assertThat(desired.install()).containsExactly("chrony", "curl", "fail2ban", "mariadb-server", "msmtp", "nftables", "nginx", "openssl", "php8.4-fpm", "php8.4-mysql", "restic", "sudo", "tzdata");
    assertThat(desired.remove()).containsExactly("telnet");
    assertThat(desired.aptProxy()).contains("http://p:3142");
    assertThat(desired.listsMaxAge()).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void defaultsNeedOnlyTheStandardOffer() {
    PackagesDesired desired = module.desired(target(null));

    assertThat(desired.install()).containsExactly("chrony", "fail2ban", "mariadb-server", "msmtp", "nftables", "nginx", "openssl", "php8.4-fpm", "php8.4-mysql", "restic", "sudo", "tzdata");
    assertThat(desired.remove()).isEmpty();
    assertThat(desired.aptProxy()).isEmpty();
    assertThat(desired.listsMaxAge()).isEqualTo(Duration.ofHours(24));
  }

  /** The packages of the modules registered in {@link BuiltinResourceModules}, as the engine has them. */
  private static RequiredPackages registered() {
    Set<ResourceModule<?, ?>> modules = Guice.createInjector(new BuiltinResourceModules())
        .getInstance(Key.get(new TypeLiteral<Set<ResourceModule<?, ?>>>() {}));
    return new RequiredPackages(() -> modules);
  }

  @Test
  void thePackagesModuleTheEngineGetsInstallsWhatEachRegisteredModuleDeclares() {
    assertThat(module.desired(target(null)).install()).contains("chrony", "sudo", "nftables", "nginx")
        .doesNotContain("debsums");
    assertThat(new PackagesModule().desired(target(null)).install()).as("alone, only the manifest's").isEmpty();
  }

  @Test
  void fail2banDisabledNeedsNoFail2ban() {
    ServerSpec spec =
        ServerSpec.builder()
            .fail2ban(new com.conobium.gardien.model.Fail2banSpec(false, null, null, null, null, null))
            .build();

    // nftables stays: the firewall module needs it whatever fail2ban does
    assertThat(registered().of(spec)).containsExactly("chrony", "mariadb-server", "msmtp", "nftables", "nginx", "openssl", "php8.4-fpm", "php8.4-mysql", "restic", "sudo", "tzdata");
  }

  @Test
  void webAndDatabaseNeedTheirPackagesOnlyWhenEnabled() {
    RequiredPackages required = registered();
    ServerSpec none = ServerSpec.builder()
        .web(new com.conobium.gardien.model.WebSpec(false, null, null, null))
        .database(new com.conobium.gardien.model.DatabaseSpec(false))
        .build();
    ServerSpec webOnly = ServerSpec.builder()
        .web(new com.conobium.gardien.model.WebSpec(true, "8.3", null, null))
        .database(new com.conobium.gardien.model.DatabaseSpec(false))
        .build();
    ServerSpec databaseOnly = ServerSpec.builder()
        .web(new com.conobium.gardien.model.WebSpec(false, null, null, null))
        .build();

    assertThat(required.of(none)).doesNotContain("nginx", "php8.4-fpm", "mariadb-server", "php8.4-mysql");
    assertThat(required.of(webOnly)).contains("nginx", "php8.3-fpm", "openssl")
        .doesNotContain("mariadb-server", "php8.3-mysql");
    assertThat(required.of(databaseOnly)).contains("mariadb-server").doesNotContain("nginx", "php8.4-mysql");
  }

  @Test
  void probeRunsOnThisDebianAndItsOutputIsUnderstood() throws Exception {
    PackagesDesired desired = module.desired(target(null));

    PackagesFacts facts = module.facts(ProbeRunner.run(module.probe(desired)));

    // this build machine is Debian with dpkg: essential packages are installed
    assertThat(facts.installed()).contains("dpkg", "coreutils", "bash", "libc6");
    assertThat(facts.installed()).noneMatch(p -> p.contains(":"));
    if (Files.exists(Path.of("/etc/apt/apt.conf.d/00gardien-proxy"))) {
      assertThat(facts.proxyFile().exists()).isTrue();
    } else {
      assertThat(facts.proxyFile().exists()).isFalse();
    }
    facts.listsAge().ifPresent(age -> assertThat(age.isNegative()).isFalse());
  }

  @Test
  void probeOfThisMachineGivesAPlanNamingExactlyTheMissingPackages() throws Exception {
    PackagesDesired desired =
        new PackagesDesired(
            List.of("dpkg", "gardien-surely-not-installed"), List.of(), java.util.Optional.empty(), Duration.ofDays(1));

    ModulePlan plan = module.plan(desired, module.facts(ProbeRunner.run(module.probe(desired))));

    assertThat(plan.changes()).hasSize(1);
    assertThat(plan.changes().get(0).resource()).isEqualTo("packages gardien-surely-not-installed");
  }
}
