package dev.switchboard.booking;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Life of a reminder: {@code pending} until due, then {@code sending} (claimed by a processor) and {@code sent} (its
 * WhatsApp message is on the send queue); or {@code cancelled} while pending; or {@code failed} when it cannot be sent
 * (tenant gone, no sender number).
 */
public enum ReminderState {
  PENDING, SENDING, SENT, CANCELLED, FAILED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ReminderState fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
