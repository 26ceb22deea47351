package com.conobium.gardien.modules.spi;


/**
 * What a probe found about one file or directory Gardien manages: whether it exists, whether its
 * text is the text Gardien wants there (compared on the server, so only a boolean travels), and its
 * mode, owner and group.
 *
 * @param exists whether the path exists
 * @param sameText whether it is a regular file with exactly the wanted text (false when no text was
 *     compared)
 * @param mode octal permission bits as {@code stat %a} prints them, e.g. {@code 2750}
 * @param owner owner user name
 * @param group owner group name
 */
public record PathState(boolean exists, boolean sameText, String mode, String owner, String group) {

  /** A path that does not exist. */
  public static PathState absent() {
    return new PathState(false, false, null, null, null);
  }

  /** Whether the path is exactly {@code file}: same text, mode, owner and group. */
  public boolean matches(Step.PutFile file) {
    return sameText && hasAttributes(file.mode(), file.owner(), file.group());
  }

  /** Whether the path exists with this mode ({@code 0750} and {@code 750} are the same), owner and group. */
  public boolean hasAttributes(String wantedMode, String wantedOwner, String wantedGroup) {
    return exists && normal(wantedMode).equals(mode) && wantedOwner.equals(owner) && wantedGroup.equals(group);
  }

  /** Mode, owner and group as people read them, e.g. {@code 0644 root:root}, or {@code absent}. */
  public String attributes() {
    return exists ? "0" + mode + " " + owner + ":" + group : "absent";
  }

  static String normal(String mode) {
    return mode.replaceFirst("^0+(?=.)", "");
  }
}
