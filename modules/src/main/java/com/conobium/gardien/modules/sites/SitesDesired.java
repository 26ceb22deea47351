package com.conobium.gardien.modules.sites;

import java.util.List;

/**
 * The sites one server should host.
 *
 * @param webEnabled whether the web stack is managed; without it no site is
 * @param phpVersion the PHP version whose PHP-FPM runs the sites' pools
 * @param sites the sites, in manifest order
 */
public record SitesDesired(boolean webEnabled, String phpVersion, List<SiteDesired> sites) {
  public SitesDesired {
    sites = List.copyOf(sites);
  }
}
