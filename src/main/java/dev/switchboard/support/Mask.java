package dev.switchboard.support;

/** Masks personal data and secrets for logs: phone numbers keep their country prefix and last four digits. */
public final class Mask {

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

  /** Never shows any part of a secret, only whether it is set. */
  public static String secret(String secret) {
    return secret == null || secret.isEmpty() ? "<unset>" : "<redacted>";
  }
}
