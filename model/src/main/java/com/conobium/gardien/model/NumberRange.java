package com.conobium.gardien.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Inclusive bounds of a number field; becomes {@code minimum}/{@code maximum} in the schema. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface NumberRange {
  long min();

  long max() default Long.MAX_VALUE;
}
