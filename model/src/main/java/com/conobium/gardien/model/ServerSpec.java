package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * The effective desired state of one server: its Server manifest merged over its Profile and the
 * Fleet defaults. Every section has defaults, so the standard offer needs only a few lines.
 */
public record ServerSpec(
    @JsonPropertyDescription("the Profile this server follows (Server manifests only)") String profile,
    @JsonPropertyDescription("how Gardien reaches the server") ConnectionSpec connection,
    @JsonPropertyDescription("NTP servers and time zone") TimeSpec time,
    @JsonPropertyDescription("the admin login user and the root password policy") AccountsSpec accounts,
    @JsonPropertyDescription("the SSH daemon") SshSpec ssh,
    @JsonPropertyDescription("alerts the server sends itself, such as root logins") AlertsSpec alerts,
    @JsonPropertyDescription("the inbound nftables firewall") FirewallSpec firewall,
    @JsonPropertyDescription("fail2ban jails") Fail2banSpec fail2ban,
    @JsonPropertyDescription("Debian packages and the apt proxy") PackagesSpec packages,
    @JsonPropertyDescription("nginx and PHP-FPM") WebSpec web,
    @JsonPropertyDescription("the MariaDB server") DatabaseSpec database,
    @JsonPropertyDescription("hosted websites") List<SiteSpec> sites,
    @JsonPropertyDescription("the nightly backup") BackupSpec backup,
    @JsonPropertyDescription("availability checks") MonitoringSpec monitoring,
    @JsonPropertyDescription("the monthly maintenance") MaintenanceSpec maintenance,
    PrerequisitesSpec prerequisites,
    @JsonPropertyDescription("how the daemon (gardien run) treats this server: apply or detect only")
    ReconcileSpec reconcile,
    @JsonPropertyDescription("system hardening: sysctls, core dumps, login banner, idle shells, kernel modules, audit tools")
    HardeningSpec hardening) {
  /** A spec without daemon settings (the daemon's defaults apply). */
  public ServerSpec(String profile, ConnectionSpec connection, TimeSpec time, AccountsSpec accounts,
      SshSpec ssh, AlertsSpec alerts, FirewallSpec firewall, Fail2banSpec fail2ban,
      PackagesSpec packages, WebSpec web, DatabaseSpec database, List<SiteSpec> sites,
      BackupSpec backup, MonitoringSpec monitoring, MaintenanceSpec maintenance,
      PrerequisitesSpec prerequisites) {
    this(profile, connection, time, accounts, ssh, alerts, firewall, fail2ban, packages, web,
        database, sites, backup, monitoring, maintenance, prerequisites, null, null);
  }

  /** A spec with the default hardening. */
  public ServerSpec(String profile, ConnectionSpec connection, TimeSpec time, AccountsSpec accounts,
      SshSpec ssh, AlertsSpec alerts, FirewallSpec firewall, Fail2banSpec fail2ban,
      PackagesSpec packages, WebSpec web, DatabaseSpec database, List<SiteSpec> sites,
      BackupSpec backup, MonitoringSpec monitoring, MaintenanceSpec maintenance,
      PrerequisitesSpec prerequisites, ReconcileSpec reconcile) {
    this(profile, connection, time, accounts, ssh, alerts, firewall, fail2ban, packages, web,
        database, sites, backup, monitoring, maintenance, prerequisites, reconcile, null);
  }

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
    reconcile = reconcile == null ? new ReconcileSpec(null) : reconcile;
    hardening = hardening == null ? new HardeningSpec(null, null, null, null, null, null, null) : hardening;
  }

  /** The port Gardien connects to once the server is managed. */
  public int managedPort() {
    return connection.port() != null ? connection.port() : ssh.port();
  }
}
