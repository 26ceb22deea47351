package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The web stack: nginx and PHP-FPM.
 *
 * @param enabled whether nginx and PHP-FPM are installed and managed
 * @param phpVersion PHP version of Debian's packages, e.g. {@code 8.4}
 * @param clientMaxBodySize nginx {@code client_max_body_size}, e.g. {@code 64m}
 * @param hsts whether HTTPS responses carry Strict-Transport-Security
 * @param compression whether nginx compresses responses (gzip); off by default, because compressed
 *     HTTPS pages that reflect a secret and the visitor's input leak it (BREACH)
 */
public record WebSpec(
    @JsonPropertyDescription("whether nginx and PHP-FPM are installed and managed")
    Boolean enabled,
    @JsonPropertyDescription("PHP version of Debian's packages, e.g. 8.4")
    @TextPattern(value = Patterns.PHP_VERSION, describedAs = "a PHP version such as 8.4") String phpVersion,
    @JsonPropertyDescription("nginx client_max_body_size, e.g. 64m")
    @TextPattern(value = Patterns.SIZE, describedAs = "a size such as 64m or 256M") String clientMaxBodySize,
    @JsonPropertyDescription("whether HTTPS responses carry Strict-Transport-Security")
    Boolean hsts,
    @JsonPropertyDescription("whether nginx compresses responses (gzip); off by default against BREACH")
    Boolean compression) {
  public WebSpec(Boolean enabled, String phpVersion, String clientMaxBodySize, Boolean hsts) {
    this(enabled, phpVersion, clientMaxBodySize, hsts, null);
  }

  public WebSpec {
    enabled = enabled == null || enabled;
    phpVersion = phpVersion == null ? "8.4" : phpVersion;
    clientMaxBodySize = clientMaxBodySize == null ? "64m" : clientMaxBodySize;
    hsts = hsts == null || hsts;
    compression = compression != null && compression;
  }
}
