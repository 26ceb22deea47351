package com.conobium.gardien.reconciler.dashboard;

/**
 * One server on the fleet page, as text ready to show.
 *
 * @param health {@code down} while an incident is open, else {@code up}
 * @param sync {@code in sync}, {@code drift}, {@code failed} or {@code not run yet}
 * @param syncClass the CSS class of {@code sync}
 */
record FleetRow(String name, String customer, String profile, String health, String sync, String syncClass,
    String lastRun, String lastRunIso, String lastResult, String revision, String incident, String maintenance,
    String certificate, boolean running) {}
