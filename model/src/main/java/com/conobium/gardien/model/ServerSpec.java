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
    HardeningSpec hardening,
    @JsonPropertyDescription("a swap file of RAM's size, when the manifest asks for one")
    SwapSpec swap,
    @JsonPropertyDescription("the customer the server is managed for: named on the monthly report, which is mailed to them")
    CustomerSpec customer,
    @JsonPropertyDescription("the monthly PDF report the daemon makes and mails")
    ReportSpec report) {
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
    monitoring = monitoring == null ? new MonitoringSpec(null, null, null) : monitoring;
    maintenance = maintenance == null ? new MaintenanceSpec(null, null) : maintenance;
    prerequisites =
        prerequisites == null ? new PrerequisitesSpec(null, null, null, null, null) : prerequisites;
    reconcile = reconcile == null ? new ReconcileSpec(null) : reconcile;
    hardening = hardening == null ? new HardeningSpec(null, null, null, null, null, null, null) : hardening;
    swap = swap == null ? new SwapSpec(null, null) : swap;
    customer = customer == null ? new CustomerSpec(null, null) : customer;
    report = report == null ? new ReportSpec(null, null, null, null) : report;
  }

  /** The port Gardien connects to once the server is managed. */
  public int managedPort() {
    return connection.port() != null ? connection.port() : ssh.port();
  }

  /** A spec built section by section; the sections not set take their defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link ServerSpec} by naming only the sections that matter (tests, benchmarks), so
   * that a new section changes no caller.
   */
  public static final class Builder {
    private String profile;
    private ConnectionSpec connection;
    private TimeSpec time;
    private AccountsSpec accounts;
    private SshSpec ssh;
    private AlertsSpec alerts;
    private FirewallSpec firewall;
    private Fail2banSpec fail2ban;
    private PackagesSpec packages;
    private WebSpec web;
    private DatabaseSpec database;
    private List<SiteSpec> sites;
    private BackupSpec backup;
    private MonitoringSpec monitoring;
    private MaintenanceSpec maintenance;
    private PrerequisitesSpec prerequisites;
    private ReconcileSpec reconcile;
    private HardeningSpec hardening;
    private SwapSpec swap;
    private CustomerSpec customer;
    private ReportSpec report;

    private Builder() {}

    public Builder profile(String profile) {
      this.profile = profile;
      return this;
    }

    public Builder connection(ConnectionSpec connection) {
      this.connection = connection;
      return this;
    }

    public Builder time(TimeSpec time) {
      this.time = time;
      return this;
    }

    public Builder accounts(AccountsSpec accounts) {
      this.accounts = accounts;
      return this;
    }

    public Builder ssh(SshSpec ssh) {
      this.ssh = ssh;
      return this;
    }

    public Builder alerts(AlertsSpec alerts) {
      this.alerts = alerts;
      return this;
    }

    public Builder firewall(FirewallSpec firewall) {
      this.firewall = firewall;
      return this;
    }

    public Builder fail2ban(Fail2banSpec fail2ban) {
      this.fail2ban = fail2ban;
      return this;
    }

    public Builder packages(PackagesSpec packages) {
      this.packages = packages;
      return this;
    }

    public Builder web(WebSpec web) {
      this.web = web;
      return this;
    }

    public Builder database(DatabaseSpec database) {
      this.database = database;
      return this;
    }

    public Builder sites(List<SiteSpec> sites) {
      this.sites = sites;
      return this;
    }

    public Builder backup(BackupSpec backup) {
      this.backup = backup;
      return this;
    }

    public Builder monitoring(MonitoringSpec monitoring) {
      this.monitoring = monitoring;
      return this;
    }

    public Builder maintenance(MaintenanceSpec maintenance) {
      this.maintenance = maintenance;
      return this;
    }

    public Builder prerequisites(PrerequisitesSpec prerequisites) {
      this.prerequisites = prerequisites;
      return this;
    }

    public Builder reconcile(ReconcileSpec reconcile) {
      this.reconcile = reconcile;
      return this;
    }

    public Builder hardening(HardeningSpec hardening) {
      this.hardening = hardening;
      return this;
    }

    public Builder swap(SwapSpec swap) {
      this.swap = swap;
      return this;
    }

    public Builder customer(CustomerSpec customer) {
      this.customer = customer;
      return this;
    }

    public Builder report(ReportSpec report) {
      this.report = report;
      return this;
    }

    public ServerSpec build() {
      return new ServerSpec(profile, connection, time, accounts, ssh, alerts, firewall, fail2ban, packages, web,
          database, sites, backup, monitoring, maintenance, prerequisites, reconcile, hardening, swap, customer,
          report);
    }
  }
}
