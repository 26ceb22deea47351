package com.conobium.gardien.reconciler.maintenance;

import com.conobium.gardien.modules.spi.ProbeScripts;

/**
 * The wiring every remote operation shares, so that an operation's class holds only its own
 * decisions: its name, its script (a resource next to the class), the shell variables the script
 * reads, and how its output is judged ({@link #judge}).
 */
abstract class ScriptOperation implements RemoteOperation {
  private final String name;
  private final String script;

  /**
   * @param resource the script's file name next to the class, e.g. {@code raid.sh}
   * @param shared scripts of shell functions it uses, next to it too, put before it (e.g. {@code apt.sh})
   */
  ScriptOperation(String name, String resource, String... shared) {
    this.name = name;
    StringBuilder text = new StringBuilder();
    for (String functions : shared) {
      text.append(ProbeScripts.load(ScriptOperation.class, functions));
    }
    this.script = text.append(ProbeScripts.load(getClass(), resource)).toString();
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String script(MaintenanceContext context) {
    return variables(context) + script;
  }

  /** {@code DRY_RUN=yes} or {@code no}, for the scripts that change the server. */
  static String dryRun(MaintenanceContext context) {
    return "DRY_RUN=" + (context.dryRun() ? "yes" : "no") + "\n";
  }

  /** Shell assignments the script reads, one a line, values quoted ({@code Shell.quote}); none by default. */
  String variables(MaintenanceContext context) {
    return "";
  }
}
