package dev.switchboard.webhook.processing;

import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.switchboard.message.MessageStatusStore;
import dev.switchboard.support.Sanitize;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Applies message statuses: forward only ({@code sent} < {@code delivered} < {@code read}; {@code failed} is terminal,
 * with its error), so a late {@code delivered} after {@code read} changes nothing. A status of a message we sent shows
 * on its send job's record; one for a message not (yet) linked to a send job is kept by the store until it is.
 */
@ApplicationScoped
public class StatusProcessor {

  static final String CHANNEL = "whatsapp-message-status";

  /** The statuses the store orders; {@code played} (a voice message was played) implies {@code read}. */
  private static final Set<String> ORDERED = Set.of("sent", "delivered", "read", "failed");

  private final MessageStatusStore store;

  public StatusProcessor(MessageStatusStore store) {
    this.store = store;
  }

  @Incoming(CHANNEL)
  public Uni<Void> process(StatusJob job) {
    if (job == null) {
      return Uni.createFrom().voidItem(); // unreadable payload: the converter already let the job die
    }
    String status = "played".equals(job.status()) ? "read" : job.status();
    if (job.wamid() == null || !ORDERED.contains(status)) {
      Log.debugf("Status job with status %s ignored", Sanitize.id(job.status()));
      return Uni.createFrom().voidItem();
    }
    return this.store.statusReported(job.wamid(), status, Instant.ofEpochMilli(job.at()), job.errorCode(), job.errorTitle())
        .invoke(result -> Log.debugf("Status %s of tenant %s: message now %s", status, job.tenant(),
            result.orElse("not linked to a send job yet")))
        .replaceWithVoid();
  }
}
