package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The customer the server is managed for: the monthly report names them and is mailed to them.
 *
 * @param name their name, on the report's cover (default: the server's {@code customer} label)
 * @param email where their monthly report goes; none: the report goes to the Fleet's notifications only
 */
public record CustomerSpec(
    @JsonPropertyDescription("the customer's name, on the monthly report's cover")
    String name,
    @JsonPropertyDescription("where the customer's monthly report is mailed")
    @TextPattern(value = Patterns.EMAIL, describedAs = "an e-mail address such as contact@example.fr") String email) {}
