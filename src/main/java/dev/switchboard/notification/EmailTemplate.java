package dev.switchboard.notification;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The e-mails Switchboard sends, each a Qute template with an HTML and a text part ({@code templates/emails/}), the
 * data fields it needs, and the subject used when a job gives none.
 */
public enum EmailTemplate {
  BOOKING_CONFIRMATION("booking_confirmation", "Your booking is confirmed", List.of("customerName", "salonName", "serviceName", "serviceDate")),
  BOOKING_CANCELLED("booking_cancelled", "Your booking was cancelled", List.of("customerName", "salonName", "serviceName", "serviceDate")),
  SALON_WELCOME("salon_welcome", "Welcome to Switchboard", List.of("ownerName", "salonName")),
  PASSWORD_RESET("password_reset", "Reset your password", List.of("resetUrl"));

  private final String wireName;
  private final String defaultSubject;
  private final List<String> required;

  EmailTemplate(String wireName, String defaultSubject, List<String> required) {
    this.wireName = wireName;
    this.defaultSubject = defaultSubject;
    this.required = required;
  }

  public String wireName() {
    return this.wireName;
  }

  public String defaultSubject() {
    return this.defaultSubject;
  }

  /** Data fields that must be present and not blank. */
  public List<String> required() {
    return this.required;
  }

  public static Optional<EmailTemplate> fromWire(String name) {
    return Arrays.stream(values()).filter(template -> template.wireName.equals(name)).findFirst();
  }

  public static String wireNames() {
    return String.join(", ", Arrays.stream(values()).map(EmailTemplate::wireName).toList());
  }
}
