package dev.switchboard.support;

import java.util.regex.Pattern;

/**
 * Masks personal data and secrets for logs: phone numbers keep their country prefix and last four digits, e-mail
 * addresses their first letter and domain.
 */
public final class Mask {

  private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@");

  private Mask() {
  }

  /** {@code +4917012345678} → {@code +49*******5678}; short values are fully masked. */
  public static String phone(String phone) {
    if (phone == null) {
      return "null";
    }
    if (phone.length() <= 6) {
      return "*".repeat(phone.length());
    }
    int head = phone.startsWith("+") ? 3 : 2;
    return phone.substring(0, head) + "*".repeat(phone.length() - head - 4) + phone.substring(phone.length() - 4);
  }

  /** {@code anna.berg@example.com} → {@code a***@example.com}. */
  public static String email(String address) {
    if (address == null) {
      return "null";
    }
    int at = address.lastIndexOf('@');
    return at <= 0 ? "*".repeat(address.length()) : address.charAt(0) + "***" + address.substring(at);
  }

  /** Every e-mail address in a text (an SMTP server's reply, say) masked as {@link #email} does. */
  public static String emailsIn(String text) {
    return text == null ? null : EMAIL.matcher(text).replaceAll("$1***@");
  }

  /** Never shows any part of a secret, only whether it is set. */
  public static String secret(String secret) {
    return secret == null || secret.isEmpty() ? "<unset>" : "<redacted>";
  }
}
