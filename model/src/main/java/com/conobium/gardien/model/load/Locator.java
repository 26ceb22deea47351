package com.conobium.gardien.model.load;

import com.conobium.gardien.model.Problem;
import java.util.List;

/**
 * Finds where a field of a server's effective spec was written: in the Server manifest, else its
 * Profile, else the Fleet's defaults. A field nobody wrote (its default applies) is reported at the
 * Server manifest's nearest written ancestor.
 */
final class Locator {
  private record Source(Document doc, String prefix) {}

  private final List<Source> sources;

  Locator(Document server, Document profile, Document fleet) {
    java.util.ArrayList<Source> list = new java.util.ArrayList<>();
    list.add(new Source(server, "spec"));
    if (profile != null) {
      list.add(new Source(profile, "spec"));
    }
    if (fleet != null) {
      list.add(new Source(fleet, "spec.defaults"));
    }
    this.sources = List.copyOf(list);
  }

  /** A problem at spec field {@code specPath} (e.g. {@code ssh.port}). */
  Problem problem(String specPath, String message) {
    for (Source s : sources) {
      String full = FieldPaths.child(s.prefix(), specPath);
      if (s.doc().writes(full)) {
        Location l = s.doc().locate(full);
        return new Problem(s.doc().file(), l.line(), l.column(), full, message);
      }
    }
    Source server = sources.get(0);
    String full = FieldPaths.child(server.prefix(), specPath);
    Location l = server.doc().locate(full);
    return new Problem(server.doc().file(), l.line(), l.column(), full, message);
  }
}
