package com.conobium.gardien.model.load;

/** A 1-based line and column in a manifest file. */
record Location(int line, int column) {
  static final Location UNKNOWN = new Location(0, 0);
}
