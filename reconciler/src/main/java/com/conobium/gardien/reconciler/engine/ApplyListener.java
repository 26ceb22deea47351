package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.modules.spi.Change;

/** Hears about each change as it is applied, e.g. to show progress. */
@FunctionalInterface
public interface ApplyListener {
  /**
   * A change was applied ({@code error} null) or failed.
   *
   * @param server the server's name
   * @param module the module's name
   * @param change the change, to be shown with {@link Display} so sensitive values stay masked
   * @param error why it failed, or null
   */
  void changed(String server, String module, Change change, String error);

  ApplyListener NONE = (server, module, change, error) -> {};
}
