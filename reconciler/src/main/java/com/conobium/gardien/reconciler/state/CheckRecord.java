package com.conobium.gardien.reconciler.state;

import java.time.Instant;

/** A check-only rule of a server as its last run that read it found it (e.g. the prerequisites). */
public record CheckRecord(String server, String module, String name, boolean passed, String expected, String actual,
    Instant checked) {}
