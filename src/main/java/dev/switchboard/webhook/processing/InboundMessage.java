package dev.switchboard.webhook.processing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One customer message of a delivery, as far as Meta sent it. Only {@code wamid}, {@code type} and one of
 * {@code from} / {@code fromUserId} are guaranteed (the parser skips messages without them); {@code type} is one of
 * {@link WebhookParser#MESSAGE_TYPES} ({@code unknown} for anything new). Type-specific fields are in {@code details}.
 */
public record InboundMessage(String wamid, String type, String from, String fromUserId, String profileName, Instant sentAt,
    String text, String replyTo, Map<String, Object> details, List<MetaError> errors) {

  /** Who wrote it: the phone number, or the business-scoped user id of a username user without one. */
  public String user() {
    return this.from != null ? this.from : this.fromUserId;
  }

  /**
   * What identifies a redelivery. A reaction's add and remove share one wamid, so its emoji (or its removal) is part
   * of the key.
   */
  public String dedupeKey() {
    if ("reaction".equals(this.type)) {
      Object emoji = this.details.get("emoji");
      return this.wamid + "|" + (emoji == null ? "removed" : emoji);
    }
    return this.wamid;
  }
}
