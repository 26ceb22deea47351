package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.modules.spi.Change;
import org.slf4j.Logger;

/**
 * The log line of one change applied or failed, the same wherever a change is made (the engine,
 * a controller-side stage): {@code change applied server=… module=… change=… result=applied}, or
 * {@code change failed … error=…}. The change as {@link Display} shows it, so never a secret.
 */
public final class ChangeLog {
  private ChangeLog() {}

  /** Logs {@code change} of {@code module} on {@code server} to {@code log}: applied, or failed with {@code error}. */
  public static void change(Logger log, String server, String module, Change change, String error) {
    if (error == null) {
      log.atInfo().addKeyValue("server", server).addKeyValue("module", module)
          .addKeyValue("change", Display.line(change)).addKeyValue("result", "applied").log("change applied");
    } else {
      log.atWarn().addKeyValue("server", server).addKeyValue("module", module)
          .addKeyValue("change", Display.line(change)).addKeyValue("result", "failed")
          .addKeyValue("error", error).log("change failed");
    }
  }
}
