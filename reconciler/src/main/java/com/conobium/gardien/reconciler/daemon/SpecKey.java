package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.ServerSpec;

/**
 * What a server's desired state is made of: its effective spec and the fleet settings. Two equal
 * keys give the same plan on the same facts, so a revision that leaves a server's key alone does
 * not make it run again.
 */
record SpecKey(ServerSpec spec, FleetSpec fleet) {}
