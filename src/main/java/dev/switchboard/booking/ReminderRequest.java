package dev.switchboard.booking;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.switchboard.send.SendJob;

/**
 * A validated reminder request.
 *
 * @param sendAt when to send: as given, or computed from {@code serviceDate} and the type's lead time
 * @param template the template to send, or null for the tenant's default of this type; its language may be null
 */
@Schema(description = "A booking reminder to schedule")
public record ReminderRequest(
    @Schema(description = "The caller's booking id: letters, digits, . _ : -, at most 64", required = true, examples = "B-4711") String bookingId,
    @Schema(description = "The customer's WhatsApp number, E.164", required = true, examples = "+4917012345678") String customerPhone,
    @Schema(description = "What was booked, a parameter of the default templates", required = true, examples = "Haircut") String serviceName,
    @Schema(description = "ISO-8601 date-time with offset", required = true, examples = "2026-12-24T15:00:00+01:00") OffsetDateTime serviceDate,
    @Schema(description = "day_before, hour_before or custom", required = true) ReminderType reminderType,
    @Schema(description = "ISO-8601 instant (or epoch ms) in the future; day_before and hour_before default to 24 h and 1 h before serviceDate")
    Instant sendAt,
    @Schema(description = "{name, language?, components?} as in the send API; default: the tenant's template for the type")
    SendJob.Template template) {
}
