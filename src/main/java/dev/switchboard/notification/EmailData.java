package dev.switchboard.notification;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The data of each e-mail template, as the templates read it (Qute checks their expressions against these records at
 * build time). Built by Jackson from a job's {@code data}, hence {@link RegisterForReflection}.
 */
public final class EmailData {

  private EmailData() {
  }

  /** {@code booking_confirmation}, {@code booking_cancelled}: dates as they should read in the mail. */
  @RegisterForReflection
  public record Booking(String customerName, String salonName, String serviceName, String serviceDate, String staffName,
      String bookingId, String manageUrl, String reason) {
  }

  /** {@code salon_welcome}. */
  @RegisterForReflection
  public record Welcome(String ownerName, String salonName, String dashboardUrl) {
  }

  /** {@code password_reset}: the link and how long it works (minutes, default 60). */
  @RegisterForReflection
  public record PasswordReset(String name, String resetUrl, Integer expiresInMinutes) {

    public int validMinutes() {
      return this.expiresInMinutes == null ? 60 : this.expiresInMinutes;
    }
  }
}
