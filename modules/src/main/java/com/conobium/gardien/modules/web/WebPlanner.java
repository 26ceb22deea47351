package com.conobium.gardien.modules.web;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.PathProbe;
import com.conobium.gardien.modules.spi.PathState;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.UnitState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares the desired web stack with the facts. Pure. Changes, in apply order:
 *
 * <ol>
 *   <li>{@code /etc/nginx/nginx.conf}: written, checked by {@code nginx -t} with the new file in
 *       place (a failing test puts the previous file back and fails the change, so nginx keeps
 *       serving the old configuration), then nginx reloads;
 *   <li>the ACME challenge directory;
 *   <li>the PHP settings file, checked by {@code php-fpmV -t}, then PHP-FPM reloads;
 *   <li>nginx and PHP-FPM enabled at boot and running.
 * </ol>
 *
 * <p>With {@code enabled: false} nothing is planned: the web stack is left as it is, unmanaged.
 */
final class WebPlanner {
  static final String ACME_MODE = "0755";

  ModulePlan plan(WebDesired desired, WebFacts facts) {
    if (!desired.enabled()) {
      return ModulePlan.of(List.of());
    }
    List<Change> changes = new ArrayList<>();
    fileChange(NginxMainConfig.render(desired), facts, reload(NginxMainConfig.UNIT), summary(desired))
        .ifPresent(changes::add);
    PathState acme = PathProbe.of(facts.paths(), NginxMainConfig.ACME_CHALLENGE_DIRECTORY);
    if (!acme.hasAttributes(ACME_MODE, "root", "root")) {
      Step make = new Step.Run("install -d -m " + ACME_MODE + " -o root -g root "
          + NginxMainConfig.ACME_CHALLENGE_DIRECTORY + "\n");
      String resource = "directory " + NginxMainConfig.ACME_CHALLENGE_DIRECTORY;
      changes.add(acme.exists()
          ? Change.update(resource, acme.attributes(), "0755 root:root", List.of(make))
          : Change.add(resource, "0755 root:root", List.of(make)));
    }
    fileChange(PhpSettings.render(desired), facts, reload(desired.phpUnit()), "expose_php Off, errors logged")
        .ifPresent(changes::add);
    unitChanges(NginxMainConfig.UNIT, facts.unit(NginxMainConfig.UNIT), changes);
    unitChanges(desired.phpUnit(), facts.unit(desired.phpUnit()), changes);
    return ModulePlan.of(changes);
  }

  /** Reloads {@code unit} when it runs; a stopped unit is started by a later change. */
  static Step reload(String unit) {
    return new Step.Run("if systemctl is-active --quiet " + unit + "; then systemctl reload " + unit + "; fi\n");
  }

  private static Optional<Change> fileChange(Step.PutFile file, WebFacts facts, Step reload, String after) {
    PathState actual = PathProbe.of(facts.paths(), file.path());
    if (actual.matches(file)) {
      return Optional.empty();
    }
    String resource = "file " + file.path();
    List<Step> steps = List.of(file, reload);
    if (!actual.exists()) {
      return Optional.of(Change.add(resource, after, steps));
    }
    String before = actual.sameText() ? actual.attributes() : "differs";
    String shown = actual.sameText() ? "0644 root:root" : after;
    return Optional.of(Change.update(resource, before, shown, steps));
  }

  private static void unitChanges(String unit, UnitState state, List<Change> changes) {
    if (!state.isEnabled()) {
      changes.add(Change.update("service " + unit + " enabled", describe(state.enabled()), "enabled",
          List.of(new Step.Run("systemctl unmask " + unit + "\nsystemctl enable " + unit + "\n"))));
    }
    if (!state.isActive()) {
      changes.add(Change.update("service " + unit + " running", state.active(), "active",
          List.of(new Step.Run("systemctl start " + unit + "\n"))));
    }
  }

  private static String describe(String state) {
    return state.isEmpty() ? "not installed" : state;
  }

  private static String summary(WebDesired desired) {
    return "TLS 1.2/1.3, server_tokens off, client_max_body_size " + desired.clientMaxBodySize()
        + ", HSTS " + (desired.hsts() ? "on" : "off") + ", gzip " + (desired.compression() ? "on" : "off")
        + ", unknown hosts 444";
  }
}
