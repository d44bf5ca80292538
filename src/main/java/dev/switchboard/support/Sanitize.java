package dev.switchboard.support;

/**
 * Makes a value taken from a request or payload safe to log: no line breaks or control characters (no forged log
 * lines), nothing outside a plain identifier's characters, and bounded length.
 */
public final class Sanitize {

  private static final int MAX_ID_LENGTH = 40;

  private Sanitize() {
  }

  /**
   * An identifier from a payload (a phone-number id, a WABA id): letters, digits, {@code . _ -} kept, anything else
   * shown as {@code ?}, cut to 40 characters with {@code …}; {@code (none)} for null.
   */
  public static String id(String value) {
    if (value == null) {
      return "(none)";
    }
    StringBuilder shown = new StringBuilder(Math.min(value.length(), MAX_ID_LENGTH + 1));
    for (int i = 0; i < value.length() && shown.length() < MAX_ID_LENGTH; i++) {
      char c = value.charAt(i);
      boolean plain = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
      shown.append(plain ? c : '?');
    }
    if (value.length() > MAX_ID_LENGTH) {
      shown.append('…');
    }
    return shown.toString();
  }

  /** Free text from a payload: control characters (line breaks included) as spaces, cut to {@code max} characters. */
  public static String text(String value, int max) {
    if (value == null) {
      return "(none)";
    }
    String cut = value.length() > max ? value.substring(0, max) + "…" : value;
    return cut.replaceAll("\\p{Cntrl}", " ");
  }
}
