package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * Availability checks.
 *
 * @param interval time between checks, e.g. {@code 1m}
 * @param failuresBeforeAlert consecutive failures before an alert
 * @param checks checks added to the SSH port and the sites' home pages
 */
public record MonitoringSpec(
    @JsonPropertyDescription("time between checks, e.g. 1m")
    @TextPattern(value = Patterns.DURATION, describedAs = "a duration such as 10m, 1h or 7d") String interval,
    @JsonPropertyDescription("consecutive failures before an alert")
    @NumberRange(min = 1, max = 1000) Integer failuresBeforeAlert,
    @JsonPropertyDescription("checks added to the SSH port and the sites' home pages: a TCP port, or an HTTP path"
        + " of a site with the status or text it must answer")
    List<CheckSpec> checks) {
  public MonitoringSpec {
    interval = interval == null ? "1m" : interval;
    failuresBeforeAlert = failuresBeforeAlert == null ? 5 : failuresBeforeAlert;
    checks = checks == null ? List.of() : List.copyOf(checks);
  }

  /**
   * One more check of the server, run in every round beside the built-in ones: exactly one of
   * {@code tcp} and {@code http}.
   *
   * @param name its name in alerts, incidents and metrics; default {@code tcp PORT} or
   *     {@code http SITE PATH}
   * @param tcp a port that must accept a TCP connection on the server's address
   * @param http a request to one of the server's sites
   */
  public record CheckSpec(
      @JsonPropertyDescription("its name in alerts, incidents and metrics; default 'tcp PORT' or 'http SITE PATH'")
      @TextPattern(value = Patterns.CHECK_NAME, describedAs = "a short lowercase name such as api-health") String name,
      @JsonPropertyDescription("a port that must accept a TCP connection on the server's address")
      @NumberRange(min = 1, max = 65535) Integer tcp,
      @JsonPropertyDescription("a request to one of the server's sites")
      HttpCheck http) {
    /** The name it goes by: its own, else one made from what it checks. */
    public String displayName() {
      if (name != null) {
        return name;
      }
      return tcp != null ? "tcp " + tcp : http != null ? "http " + http.site() + " " + http.path() : "check";
    }
  }

  /**
   * A request to a site, by its first domain (Host and SNI), over HTTPS unless the site has no TLS.
   *
   * @param site the site's name
   * @param path the path (and query) asked, default {@code /}
   * @param status the status the answer must have; default any below 500
   * @param contains a text the answer's first 64 KiB must contain
   */
  public record HttpCheck(
      @JsonPropertyDescription("the site's name")
      @TextPattern(value = Patterns.SITE_NAME, describedAs = "a lowercase name usable as a Debian user name")
      String site,
      @JsonPropertyDescription("the path (and query) asked, default /")
      @TextPattern(value = Patterns.URL_PATH, describedAs = "a URL path such as /health") String path,
      @JsonPropertyDescription("the status the answer must have; default any below 500")
      @NumberRange(min = 100, max = 599) Integer status,
      @JsonPropertyDescription("a text the answer's first 64 KiB must contain")
      @TextPattern(value = "^.{1,200}$", describedAs = "a text of 1 to 200 characters") String contains) {
    public HttpCheck {
      path = path == null ? "/" : path;
    }
  }
}
