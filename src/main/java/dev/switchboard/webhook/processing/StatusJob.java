package dev.switchboard.webhook.processing;

import dev.switchboard.support.Digests;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A message status to apply, one job on {@code whatsapp:message-status}. {@code at} is Meta's timestamp in epoch
 * milliseconds. {@link RegisterForReflection}: the job payload is JSON, read back by Jackson in the native image.
 */
@RegisterForReflection
public record StatusJob(String tenant, String wamid, String status, long at, String recipientId, String errorCode,
    String errorTitle) {

  /** The queue of status jobs. */
  public static final String QUEUE = "whatsapp:message-status";

  /** Deterministic, so a redelivered or retried delivery enqueues each status once while its job is kept. */
  public static String jobId(String wamid, String status) {
    return "st-" + Digests.sha256Hex(wamid + "|" + status).substring(0, 40);
  }
}
