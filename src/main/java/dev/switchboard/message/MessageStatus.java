package dev.switchboard.message;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Delivery status of an outbound message as Meta reported it, keyed by the send job's id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageStatus(String jobId, String tenant, String status, String wamid, Instant sentAt, Instant deliveredAt,
    Instant readAt, Instant failedAt, String errorCode, String errorTitle) {

  static MessageStatus fromHash(String jobId, Map<String, String> hash) {
    return new MessageStatus(jobId, hash.get("tenant"), hash.getOrDefault("status", "queued"), hash.get("wamid"),
        instant(hash.get("sentAt")), instant(hash.get("deliveredAt")), instant(hash.get("readAt")), instant(hash.get("failedAt")),
        hash.get("errorCode"), hash.get("errorTitle"));
  }

  private static Instant instant(String millis) {
    return millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis));
  }
}
