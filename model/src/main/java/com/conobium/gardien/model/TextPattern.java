package com.conobium.gardien.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The regular expression a text field (or each text of a list) must match; becomes a
 * {@code pattern} in the JSON Schema.
 *
 * @see Patterns
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface TextPattern {
  String value();

  /** How the expected form is described in error messages, e.g. {@code a duration such as 10m}. */
  String describedAs();
}
