package dev.switchboard.booking;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A reminder as its tenant sees it.
 *
 * @param template the template it sends (or would send now): the request's, or the tenant's default
 * @param jobId its delayed {@code booking:reminder} job
 * @param sendJobId its {@code whatsapp-send} job, once sending; {@code GET /api/whatsapp/messages/{sendJobId}} follows it
 * @param messageStatus that send job's status (queued, sent, delivered, read, failed, dead), once sending
 * @param sentAt when its message was handed to the send queue
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReminderView(String bookingId, ReminderType reminderType, ReminderState state, Instant sendAt, String serviceDate,
    String serviceName, String customerPhone, TemplateName template, long version, String jobId, String sendJobId,
    String messageStatus, Instant scheduledAt, Instant sentAt, Instant cancelledAt, String error) {

  /** A template's name and language. */
  public record TemplateName(String name, String language) {
  }
}
