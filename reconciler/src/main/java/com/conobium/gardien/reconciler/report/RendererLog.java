package com.conobium.gardien.reconciler.report;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * openhtmltopdf's log, sent to Gardien's (SLF4J) instead of its own java.util.logging handler,
 * which prints every font and stylesheet it loads to standard error: its warnings and errors stay
 * warnings, the rest is debug.
 */
final class RendererLog implements XRLogger {
  private static final Logger log = LoggerFactory.getLogger("com.openhtmltopdf");

  @Override
  public void log(String where, Level level, String message) {
    log(where, level, message, null);
  }

  @Override
  public void log(String where, Level level, String message, Throwable error) {
    if (level.intValue() >= Level.WARNING.intValue()) {
      log.warn("{}: {}", where, message, error);
    } else if (log.isDebugEnabled()) {
      log.debug("{}: {}", where, message, error);
    }
  }

  @Override
  public void setLevel(String logger, Level level) {
    // the levels are SLF4J's (logging.LogSetup), not openhtmltopdf's
  }

  @Override
  public boolean isLogLevelEnabled(Diagnostic diagnostic) {
    return diagnostic.getLevel().intValue() >= Level.WARNING.intValue() || log.isDebugEnabled();
  }
}
