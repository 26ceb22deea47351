package com.conobium.gardien.model;

/** Regular expressions shared by the manifest's fields. */
public final class Patterns {
  private Patterns() {}

  /** A duration: a whole number and a unit, s, m, h or d, e.g. {@code 10m}. */
  public static final String DURATION = "^[0-9]+[smhd]$";
  /** A duration as {@link #DURATION}, or {@code 0} for never. */
  public static final String DURATION_OR_ZERO = "^(0|[0-9]+[smhd])$";
  /** A kernel module name, e.g. {@code usb-storage}. */
  public static final String KERNEL_MODULE = "^[a-z0-9][a-z0-9_-]{0,63}$";
  /** A sysctl parameter, e.g. {@code net.ipv4.conf.all.rp_filter}. */
  public static final String SYSCTL_KEY = "^[a-z0-9_]+(\\.[A-Za-z0-9_-]+)+$";
  /** A sysctl value: numbers, words and spaces, or empty (left to the kernel). */
  public static final String SYSCTL_VALUE = "^[A-Za-z0-9 ._:-]{0,200}$";
  /** A local time of day, {@code HH:MM}. */
  public static final String TIME_OF_DAY = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
  /** A Debian user name usable for a site: lowercase, starting with a letter, at most 32. */
  public static final String SITE_NAME = "^[a-z][a-z0-9-]{0,31}$";
  /** A manifest name: a DNS label. */
  public static final String NAME = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";
  /** A Debian package name. */
  public static final String PACKAGE = "^[a-z0-9][a-z0-9+.-]+$";
  /**
   * An OpenSSH public key on one line: its type, its base64 body and an optional comment of
   * printable characters (no control character, so nothing can add a line after it).
   */
  public static final String HOST_KEY =
      "^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com|sk-ecdsa-sha2-nistp256@openssh\\.com)"
          + " [A-Za-z0-9+/]+={0,2}( [ -~]*)?$";
  /** An OpenSSH public key as an authorized_keys line holds it: type, base64 body, optional comment. */
  public static final String PUBLIC_KEY = HOST_KEY;
  /** A host name or an IP address (v4, or v6 without brackets). */
  public static final String HOST = "^[A-Za-z0-9]([A-Za-z0-9.:-]{0,252}[A-Za-z0-9])?$";
  /** A Debian user or group name. */
  public static final String USER_NAME = "^[a-z_][a-z0-9_-]{0,31}$";
  /** An IANA time zone, e.g. {@code Europe/Paris} or {@code Etc/GMT+2}. */
  public static final String TIMEZONE = "^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$";
  /**
   * An absolute path of plain names (letters, digits, {@code . _ - + @}), without {@code .} or
   * {@code ..} parts: nothing a shell or a restic include list would read otherwise.
   */
  public static final String ABSOLUTE_PATH = "^(/(?!\\.{1,2}(/|$))[A-Za-z0-9._@+-]+)+/?$|^/$";
  /** A relative path of plain names, without {@code .} or {@code ..} parts. */
  public static final String RELATIVE_PATH = "^(?!\\.{1,2}(/|$))[A-Za-z0-9._@+-]+(/(?!\\.{1,2}(/|$))[A-Za-z0-9._@+-]+)*$";
  /** An e-mail address, plain: no spaces, quotes or angle brackets. */
  public static final String EMAIL = "^[A-Za-z0-9._%+-]+@[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$";
  /** A name in the secret store, e.g. {@code shop-cert}. */
  public static final String SECRET_NAME = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$";
  /** A PHP version of Debian's packages, e.g. {@code 8.4}. */
  public static final String PHP_VERSION = "^[0-9]+\\.[0-9]+$";
  /** A size for nginx or PHP, e.g. {@code 64m} or {@code 256M}. */
  public static final String SIZE = "^[0-9]+[kKmMgG]?$";

  /** A URL path with an optional query, e.g. {@code /health?full=1}. */
  public static final String URL_PATH = "^/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,500}$";

  /** A check's name in alerts and metrics: lowercase words, digits and dashes. */
  public static final String CHECK_NAME = "^[a-z0-9][a-z0-9 ._-]{0,62}$";
}
