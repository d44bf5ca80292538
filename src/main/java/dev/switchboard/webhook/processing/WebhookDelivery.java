package dev.switchboard.webhook.processing;

import java.util.List;

/**
 * A parsed delivery: its usable changes, and why the items that could not be used were skipped (one reason per
 * item, from {@code WebhookMetrics.SKIP_REASONS}).
 */
public record WebhookDelivery(List<Change> changes, List<String> skipped) {

  /**
   * One {@code entry[].changes[]} of field {@code messages}. {@code phoneNumberId} is absent when Meta left out the
   * metadata; the change is then processed under the unknown tenant.
   */
  public record Change(String wabaId, String phoneNumberId, List<InboundMessage> messages, List<Status> statuses,
      List<MetaError> errors) {
  }

  /** One {@code statuses[]} item. {@code at} may be null when Meta sent no usable timestamp. */
  public record Status(String wamid, String status, java.time.Instant at, String recipientId, MetaError error) {
  }
}
