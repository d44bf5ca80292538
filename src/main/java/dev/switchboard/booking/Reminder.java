package dev.switchboard.booking;

import java.time.Instant;
import java.util.Map;

/**
 * A reminder as stored in Redis ({@code <prefix>:reminder:{<tenant>:<bookingId>}:<type>}, a hash).
 *
 * @param template the request's template as JSON ({@code {name, language?, components?}}), or null for the defaults
 * @param version changes on every reschedule; the delayed job and the send job carry it
 * @param sendJobId the {@code whatsapp-send} job of the message, once claimed for sending
 */
public record Reminder(String tenant, String bookingId, ReminderType type, ReminderState state, long version, Instant sendAt,
    String serviceDate, String serviceName, String customerPhone, String template, String sendJobId, Instant scheduledAt,
    Instant sentAt, Instant cancelledAt, String error) {

  static Reminder fromHash(Map<String, String> hash) {
    return new Reminder(hash.get("tenant"), hash.get("bookingId"), ReminderType.fromWire(hash.get("type")).orElseThrow(),
        ReminderState.fromWire(hash.get("state")), Long.parseLong(hash.get("version")), instant(hash.get("sendAt")),
        hash.get("serviceDate"), hash.get("serviceName"), hash.get("phone"), emptyToNull(hash.get("template")),
        hash.get("sendJobId"), instant(hash.get("scheduledAt")), instant(hash.get("sentAt")), instant(hash.get("cancelledAt")),
        hash.get("error"));
  }

  private static Instant instant(String millis) {
    return millis == null || millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
