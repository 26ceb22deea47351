package com.conobium.gardien.reconciler.dashboard;

import com.conobium.gardien.reconciler.daemon.Daemon;
import com.conobium.gardien.reconciler.state.MaintenanceHistory;
import com.conobium.gardien.reconciler.state.MonitorHistory;
import com.conobium.gardien.reconciler.state.OperatorRecords;
import com.conobium.gardien.reconciler.state.ReportArchive;
import com.conobium.gardien.reconciler.state.StateRepository;

/**
 * What the dashboard reads: the running daemon (revision in force, manifests, live statuses) and
 * the state database's records. It writes only its own (operators' actions, through
 * {@link OperatorRecords}).
 */
public record DashboardData(Daemon daemon, StateRepository runs, MonitorHistory monitoring,
    MaintenanceHistory maintenance, ReportArchive reports, OperatorRecords operators) {}
