package com.conobium.gardien.modules;

import com.conobium.gardien.modules.accounts.AccountsModule;
import com.conobium.gardien.modules.alerts.AlertsModule;
import com.conobium.gardien.modules.backup.BackupModule;
import com.conobium.gardien.modules.database.DatabaseModule;
import com.conobium.gardien.modules.fail2ban.Fail2banModule;
import com.conobium.gardien.modules.firewall.FirewallModule;
import com.conobium.gardien.modules.hardening.HardeningModule;
import com.conobium.gardien.modules.packages.PackagesModule;
import com.conobium.gardien.modules.prerequisites.PrerequisitesModule;
import com.conobium.gardien.modules.sites.SitesModule;
import com.conobium.gardien.modules.spi.ResourceModule;
import com.conobium.gardien.modules.ssh.SshModule;
import com.conobium.gardien.modules.swap.SwapModule;
import com.conobium.gardien.modules.time.TimeModule;
import com.conobium.gardien.modules.tls.TlsModule;
import com.conobium.gardien.modules.web.WebModule;
import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;

/**
 * The one place where resource modules are registered. Adding a module is adding its package and
 * one line here; the engine receives the set through injection and orders it by {@code after()}.
 */
public final class BuiltinResourceModules extends AbstractModule {
  @Override
  protected void configure() {
    Multibinder<ResourceModule<?, ?>> modules =
        Multibinder.newSetBinder(binder(), new TypeLiteral<ResourceModule<?, ?>>() {});
    modules.addBinding().to(PackagesModule.class);
    modules.addBinding().to(TimeModule.class);
    modules.addBinding().to(PrerequisitesModule.class);
    modules.addBinding().to(SshModule.class);
    modules.addBinding().to(AlertsModule.class);
    modules.addBinding().to(FirewallModule.class);
    modules.addBinding().to(AccountsModule.class);
    modules.addBinding().to(Fail2banModule.class);
    modules.addBinding().to(WebModule.class);
    modules.addBinding().to(DatabaseModule.class);
    modules.addBinding().to(SitesModule.class);
    modules.addBinding().to(BackupModule.class);
    modules.addBinding().to(TlsModule.class);
    modules.addBinding().to(HardeningModule.class);
    modules.addBinding().to(SwapModule.class);
  }
}
