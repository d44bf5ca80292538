package dev.switchboard.send;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.send.graph.GraphClient;
import dev.switchboard.send.graph.GraphErrors;
import dev.switchboard.send.graph.GraphErrors.Verdict;
import dev.switchboard.send.graph.GraphException;
import dev.switchboard.send.ratelimit.SenderRateLimiter;
import dev.switchboard.tenant.Tenant;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Sends one message through the Graph API within its number's rate limit; shared by the send processor and the
 * direct path (queue disabled). A failure comes back as a {@link SendFailure} that says whether to retry; a
 * throughput error also pauses the number for every replica, so other sends of that number hold back too.
 */
@ApplicationScoped
public class MessageSender {

  private final GraphClient graph;
  private final GraphErrors errors;
  private final SenderRateLimiter limiter;
  private final SendMetrics metrics;

  public MessageSender(GraphClient graph, GraphErrors errors, SenderRateLimiter limiter, SendMetrics metrics) {
    this.graph = graph;
    this.errors = errors;
    this.limiter = limiter;
    this.metrics = metrics;
  }

  /**
   * @param attempt the attempt number (1 for the direct path), for the pair-rate-limit pause
   */
  public Uni<SentMessage> send(SendJob job, Tenant tenant, int attempt) {
    if (tenant.accessToken().isEmpty()) {
      return Uni.createFrom().failure(new SendFailure(new Verdict(false, null, null, "no_access_token",
          "Tenant " + tenant.id() + " has no Graph API access token configured", false), null));
    }
    String token = tenant.accessToken().get();
    return this.limiter.acquire(job.phoneNumberId(), tenant.rateLimit())
        .chain(() -> this.graph.send(job.phoneNumberId(), token, job))
        .map(wamid -> new SentMessage(wamid, System.currentTimeMillis()))
        .onFailure(GraphException.class).recoverWithUni(failure -> judge(job, tenant, (GraphException) failure, attempt));
  }

  private Uni<SentMessage> judge(SendJob job, Tenant tenant, GraphException failure, int attempt) {
    Verdict verdict = this.errors.classify(failure, attempt);
    if (verdict.tokenRejected()) {
      this.metrics.tokenRejected();
      Log.errorf("Graph API refused the access token of tenant %s (error 190): sends fail until the token is replaced", tenant.id());
    }
    Uni<Void> pause = Uni.createFrom().voidItem();
    Duration pauseFor = verdict.pauseNumber();
    if (pauseFor != null && !pauseFor.isZero()) {
      Log.debugf("Graph API rate error %s for number %s; pausing it for %s", verdict.code(), job.phoneNumberId(), pauseFor);
      this.metrics.numberPaused(job.phoneNumberId(), pauseFor);
      pause = this.limiter.pause(job.phoneNumberId(), pauseFor, verdict.code()).onFailure().recoverWithNull();
    }
    return pause.chain(() -> Uni.createFrom().failure(new SendFailure(verdict, failure)));
  }
}
