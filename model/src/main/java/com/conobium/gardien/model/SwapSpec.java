package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A swap file, made when the manifest asks for one: the offer wants swap equal to RAM (a
 * prerequisite, checked by {@code prerequisites}); a server installed without a swap partition can
 * get a swap file of RAM's size instead.
 *
 * @param file whether Gardien makes and keeps the swap file
 * @param path where the swap file lives
 */
public record SwapSpec(
    @JsonPropertyDescription("whether Gardien makes and keeps a swap file of RAM's size (default false)")
    Boolean file,
    @JsonPropertyDescription("where the swap file lives, /swapfile by default")
    @TextPattern(value = Patterns.ABSOLUTE_PATH,
        describedAs = "an absolute path of plain names, such as /var/lib/app (no .. and no shell characters)") String path) {
  public SwapSpec {
    file = file != null && file;
    path = path == null ? "/swapfile" : path;
  }
}
