package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.reconciler.git.Revision;

/** A revision that passed validation, and the repository it holds. */
public record GoodRevision(Revision revision, ConfigRepo repo) {}
