package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * How the daemon ({@code gardien run}) treats a server.
 *
 * @param mode {@code apply} (converge) or {@code detect} (report drift only); when absent, the
 *     Fleet defaults' value, else the daemon's {@code --mode}
 */
public record ReconcileSpec(
    @JsonPropertyDescription("apply (converge) or detect (report drift only); when absent, the Fleet"
        + " defaults' value, else the daemon's --mode")
    @AllowedValues({"apply", "detect"}) String mode) {}
