package com.conobium.gardien.model;

import java.util.List;

/**
 * The effective desired state of one server: its Server manifest merged over its Profile and the
 * Fleet defaults. Every section has defaults, so the standard offer needs only a few lines.
 */
public record ServerSpec(
    String profile,
    ConnectionSpec connection,
    TimeSpec time,
    AccountsSpec accounts,
    SshSpec ssh,
    AlertsSpec alerts,
    FirewallSpec firewall,
    Fail2banSpec fail2ban,
    PackagesSpec packages,
    WebSpec web,
    DatabaseSpec database,
    List<SiteSpec> sites,
    BackupSpec backup,
    MonitoringSpec monitoring,
    MaintenanceSpec maintenance,
    PrerequisitesSpec prerequisites) {
  public ServerSpec {
    connection = connection == null ? new ConnectionSpec(null, null, null, null, null) : connection;
    time = time == null ? new TimeSpec(null, null) : time;
    accounts = accounts == null ? new AccountsSpec(null, null) : accounts;
    ssh = ssh == null ? new SshSpec(null, null, null, null) : ssh;
    alerts = alerts == null ? new AlertsSpec(null) : alerts;
    firewall = firewall == null ? new FirewallSpec(null, null, null, null) : firewall;
    fail2ban = fail2ban == null ? new Fail2banSpec(null, null, null, null, null, null) : fail2ban;
    packages = packages == null ? new PackagesSpec(null, null, null, null) : packages;
    web = web == null ? new WebSpec(null, null, null, null) : web;
    database = database == null ? new DatabaseSpec(null) : database;
    sites = sites == null ? List.of() : List.copyOf(sites);
    backup = backup == null ? new BackupSpec(null, null, null, null, null) : backup;
    monitoring = monitoring == null ? new MonitoringSpec(null, null) : monitoring;
    maintenance = maintenance == null ? new MaintenanceSpec(null, null) : maintenance;
    prerequisites =
        prerequisites == null ? new PrerequisitesSpec(null, null, null, null, null) : prerequisites;
  }

  /** The port Gardien connects to once the server is managed. */
  public int managedPort() {
    return connection.port() != null ? connection.port() : ssh.port();
  }
}
