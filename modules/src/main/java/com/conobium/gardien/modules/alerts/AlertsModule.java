package com.conobium.gardien.modules.alerts;

import com.conobium.gardien.model.AlertsSpec;
import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.CheckResult;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.ProbeScripts;
import com.conobium.gardien.modules.spi.ProbedModule;
import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Root-login alerts: an e-mail, through the Fleet's SMTP relay (msmtp), whenever a session opens
 * as root on the server. A PAM hook in each login service runs the alert script; the hook is
 * {@code optional}, so a broken mail relay never blocks a login. Without a relay or a recipient the
 * alert cannot work: that is reported as a failed check, not drift.
 */
public final class AlertsModule extends ProbedModule<AlertsDesired, AlertsFacts> {
  public static final String NAME = "alerts";

  private static final String PROBE = ProbeScripts.load(AlertsModule.class, "probe.sh");

  public AlertsModule() {
    super(NAME, Set.of("packages"), AlertsFacts::parse, AlertsModule::decide);
  }

  /** {@inheritDoc} Here: root logins are mailed through the fleet's relay with msmtp. */
  @Override
  public Set<String> packages(ServerSpec spec) {
    return spec.alerts().rootLogin().enabled() ? Set.of("msmtp") : Set.of();
  }

  @Override
  public AlertsDesired desired(Target target) {
    AlertsSpec.RootLogin spec = target.spec().alerts().rootLogin();
    FleetSpec fleet = target.fleet();
    List<String> recipients = spec.recipients().isEmpty() ? fleet.notifications() : spec.recipients();
    if (!spec.enabled() || fleet.smtp() == null || fleet.smtp().host() == null || recipients.isEmpty()) {
      return new AlertsDesired(spec.enabled(), null, null, recipients);
    }
    String from = fleet.smtp().from() == null ? "root@localhost" : fleet.smtp().from();
    return new AlertsDesired(true, RootLoginAlert.msmtprc(fleet.smtp()),
        RootLoginAlert.script(target.server().name(), from, recipients), recipients);
  }

  @Override
  public String probe(AlertsDesired desired) {
    return PROBE;
  }

  /** Compares the desired state with the facts. Pure. */
  static ModulePlan decide(AlertsDesired desired, AlertsFacts facts) {
    if (!desired.enabled()) {
      return ModulePlan.of(List.of());
    }
    if (desired.msmtprc() == null) {
      return ModulePlan.checksOnly(List.of(CheckResult.of("root-login alerts can be delivered", false,
          "a Fleet smtp.host and at least one recipient (alerts.rootLogin.recipients or the Fleet's notifications)",
          "none")));
    }
    List<Change> changes = new ArrayList<>();
    Step.PutFile rc = new Step.PutFile(RootLoginAlert.MSMTPRC, desired.msmtprc(), "0600", "root", "root", null);
    if (!facts.msmtprc().matches(rc)) {
      changes.add(change("mail relay " + RootLoginAlert.MSMTPRC, facts.msmtprc().exists(), "for " + String.join(", ", desired.recipients()), rc));
    }
    Step.PutFile script = new Step.PutFile(RootLoginAlert.SCRIPT, desired.script(), "0755", "root", "root", "sh -n " + RootLoginAlert.SCRIPT);
    if (!facts.script().matches(script)) {
      changes.add(change("alert script " + RootLoginAlert.SCRIPT, facts.script().exists(), "mails root sessions", script));
    }
    // every service gets the hook, also one whose file a package of this same run brings (sudo)
    for (String service : RootLoginAlert.PAM_SERVICES) {
      boolean optional = RootLoginAlert.OPTIONAL_SERVICES.contains(service) && !facts.pamHooks().containsKey(service);
      if (!optional && !facts.pamHooks().getOrDefault(service, false)) {
        String file = "/etc/pam.d/" + service;
        changes.add(Change.add("PAM hook in " + file, "root sessions alert", List.of(new Step.Run(
            "[ -f " + file + " ] || { echo '" + file + " is missing: is its package installed?' >&2; exit 1; }\n"
                // an older form of the hook goes: one hook per file
                + "sed -i " + Shell.quote("\\|" + RootLoginAlert.SCRIPT + "$|d") + " " + file + "\n"
                + "printf '%s\\n' " + Shell.quote(RootLoginAlert.PAM_LINE) + " >> " + file))));
      }
    }
    for (String service : RootLoginAlert.UNHOOKED_SERVICES) {
      if (facts.pamHooks().getOrDefault(service, false)) {
        String file = "/etc/pam.d/" + service;
        changes.add(Change.remove("PAM hook in " + file, "root sessions alert (twice, through its include)",
            List.of(new Step.Run("sed -i " + Shell.quote("\\|" + RootLoginAlert.SCRIPT + "$|d") + " " + file + "\n"))));
      }
    }
    return ModulePlan.of(changes);
  }

  private static Change change(String resource, boolean exists, String after, Step.PutFile file) {
    return exists ? Change.update(resource, "differs", after, List.of(file)) : Change.add(resource, after, List.of(file));
  }
}
