package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * One hosted website: its own Debian user, PHP-FPM pool, database, vhost, SFTP chroot and
 * certificate.
 *
 * @param name short unique name; also the Debian user name and the home directory under {@code /srv/www}
 * @param domains host names the vhost answers; the first is the primary
 * @param php the PHP-FPM pool
 * @param database the site's MariaDB database and user
 * @param sftp SFTP access to the site's chroot
 * @param tls the certificate
 * @param onRemove what happens to the site's files and database when it leaves the manifest:
 *     {@code archive} (default) or {@code purge}
 */
public record SiteSpec(
    @JsonPropertyDescription("short unique name; also the Debian user name and the home directory under /srv/www")
    @TextPattern(value = Patterns.SITE_NAME, describedAs = "a lowercase name usable as a Debian user name") String name,
    @JsonPropertyDescription("host names the vhost answers; the first is the primary")
    List<String> domains,
    @JsonPropertyDescription("the PHP-FPM pool")
    PhpPool php,
    @JsonPropertyDescription("the site's MariaDB database and user")
    SiteDatabase database,
    @JsonPropertyDescription("SFTP access to the site's chroot")
    Sftp sftp,
    @JsonPropertyDescription("the certificate")
    Tls tls,
    @JsonPropertyDescription("what happens to the site's files and database when it leaves the manifest: archive (default) or purge")
    @AllowedValues({"archive", "purge"}) String onRemove) {
  public SiteSpec {
    domains = domains == null ? List.of() : List.copyOf(domains);
    php = php == null ? new PhpPool(null, null, null) : php;
    database = database == null ? new SiteDatabase(null, null, null) : database;
    sftp = sftp == null ? new Sftp(null, null) : sftp;
    tls = tls == null ? new Tls(null, null, null) : tls;
    onRemove = onRemove == null ? "archive" : onRemove;
  }

  /**
   * PHP-FPM pool sizing.
   *
   * @param pm process manager: {@code ondemand} (default), {@code dynamic} or {@code static}
   * @param maxChildren {@code pm.max_children}
   * @param memoryLimit PHP {@code memory_limit}
   */
  public record PhpPool(
      @JsonPropertyDescription("process manager: ondemand (default), dynamic or static")
    @AllowedValues({"ondemand", "dynamic", "static"}) String pm,
      @JsonPropertyDescription("pm.max_children")
    @NumberRange(min = 1, max = 1000) Integer maxChildren,
      @JsonPropertyDescription("PHP memory_limit")
    @TextPattern(value = Patterns.SIZE, describedAs = "a size such as 64m or 256M") String memoryLimit) {
    public PhpPool {
      pm = pm == null ? "ondemand" : pm;
      maxChildren = maxChildren == null ? 5 : maxChildren;
      memoryLimit = memoryLimit == null ? "256M" : memoryLimit;
    }
  }

  /**
   * The site's database; name and user default to the site's name.
   *
   * @param enabled whether the site gets a database
   */
  public record SiteDatabase(@JsonPropertyDescription("whether the site gets a database")
    Boolean enabled,
    @TextPattern(value = "^[A-Za-z0-9_]{1,64}$", describedAs = "a database name of letters, digits and _") String name,
    @TextPattern(value = "^[A-Za-z0-9_]{1,32}$", describedAs = "a database user name of letters, digits and _") String user) {
    public SiteDatabase {
      enabled = enabled == null || enabled;
    }
  }

  /**
   * SFTP access for the site's user, chrooted to the site's home.
   *
   * @param enabled whether the site's user may log in with SFTP
   * @param sshKeys OpenSSH public keys allowed to log in as the site's user (SFTP only, no shell)
   */
  public record Sftp(
      @JsonPropertyDescription("whether the site's user may log in with SFTP (chrooted, no shell)")
      Boolean enabled,
      @JsonPropertyDescription("OpenSSH public keys allowed to log in as the site's user")
      @TextPattern(value = Patterns.PUBLIC_KEY, describedAs = "an OpenSSH public key on one line, such as ssh-ed25519 AAAAC3Nza...")
      List<String> sshKeys) {
    public Sftp {
      enabled = enabled == null || enabled;
      sshKeys = sshKeys == null ? List.of() : List.copyOf(sshKeys);
    }
  }

  /**
   * The site's certificate.
   *
   * @param mode {@code acme} (default), {@code provided} or {@code none}
   * @param certificate with {@code provided}: name of the PEM certificate chain in the secret store
   * @param key with {@code provided}: name of the PEM private key in the secret store
   */
  public record Tls(
      @JsonPropertyDescription("acme (default), provided or none")
    @AllowedValues({"acme", "provided", "none"}) String mode, @JsonPropertyDescription("with provided: name of the PEM certificate chain in the secret store")
    @TextPattern(value = Patterns.SECRET_NAME, describedAs = "a secret's name such as shop-cert") String certificate,
    @JsonPropertyDescription("with provided: name of the PEM private key in the secret store")
    @TextPattern(value = Patterns.SECRET_NAME, describedAs = "a secret's name such as shop-cert") String key) {
    public Tls {
      mode = mode == null ? "acme" : mode;
    }
  }
}
