package dev.switchboard.webhook;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.SwitchboardConfig.Webhook.WrongObject;
import dev.switchboard.error.ApiException;
import dev.switchboard.queue.JobOptions;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.support.LogThrottle;
import dev.switchboard.webhook.WebhookMetrics.Outcome;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Intake of one delivery: size, signature over the raw bytes, well-formed JSON of the right object, then the raw
 * body as one job on {@code whatsapp:webhook}. Answers only after Redis acknowledged the job; when Redis fails or
 * does not answer in time the caller gets 503 and Meta delivers again (the processor drops the duplicates).
 */
@ApplicationScoped
public class WebhookIntake {

  /** The queue (stream) the raw deliveries go to. */
  public static final String QUEUE = "whatsapp:webhook";


  private final SignatureVerifier verifier;
  private final JobQueue jobs;
  private final WebhookMetrics metrics;
  private final long maxBodySize;
  private final Duration enqueueTimeout;
  private final WrongObject wrongObject;
  /** Says what usually went wrong: a test client that changed the bytes after signing them. */
  static final String SIGNATURE_MISMATCH = "X-Hub-Signature-256 does not match the body: sign the exact bytes you send "
      + "(curl: use --data-binary @file, not -d, which strips newlines)";

  private final LogThrottle unavailableWarnings = new LogThrottle(Duration.ofSeconds(10));
  private final LogThrottle strippedNewlineWarnings = new LogThrottle(Duration.ofMinutes(1));

  @Inject
  public WebhookIntake(SignatureVerifier verifier, JobQueue jobs, WebhookMetrics metrics, SwitchboardConfig config) {
    this(verifier, jobs, metrics, config.webhook().maxBodySize().asLongValue(), config.webhook().enqueueTimeout(),
        config.webhook().wrongObject());
  }

  WebhookIntake(SignatureVerifier verifier, JobQueue jobs, WebhookMetrics metrics, long maxBodySize, Duration enqueueTimeout,
      WrongObject wrongObject) {
    this.verifier = verifier;
    this.jobs = jobs;
    this.metrics = metrics;
    this.maxBodySize = maxBodySize;
    this.enqueueTimeout = enqueueTimeout;
    this.wrongObject = wrongObject;
  }

  public Uni<WebhookAck> accept(byte[] body, String signature) {
    long start = System.nanoTime();
    if (body.length > this.maxBodySize) {
      return tooLarge(body.length);
    }
    if (!this.verifier.verify(body, signature)) {
      if (signature != null) {
        warnIfNewlinesStripped(body);
      }
      return refuse(start, Outcome.BAD_SIGNATURE, new ApiException(401, "invalid_signature",
          signature == null ? "Missing X-Hub-Signature-256 header" : SIGNATURE_MISMATCH));
    }
    DeliveryCheck.Result check = DeliveryCheck.check(body);
    switch (check.kind()) {
      case MALFORMED:
        return refuse(start, Outcome.MALFORMED, new ApiException(400, "malformed_payload", "Delivery is not a JSON object: " + check.problem()));
      case OTHER_OBJECT:
        if (this.wrongObject == WrongObject.REJECT) {
          return refuse(start, Outcome.MALFORMED, new ApiException(400, "unsupported_object",
              "Only whatsapp_business_account notifications are accepted here"));
        }
        Log.debugf("Ignored a signed delivery for object '%s'", check.object());
        this.metrics.delivery(Outcome.IGNORED, start);
        return Uni.createFrom().item(WebhookAck.ignored());
      default:
        return enqueue(check.text(), start);
    }
  }

  /** The largest body accepted, in bytes: a reader may stop reading past it and answer {@link #tooLarge(long)}. */
  public long maxBodySize() {
    return this.maxBodySize;
  }

  /** The refusal of a delivery of {@code bytes} bytes, more than {@link #maxBodySize()}; counted like any other. */
  public Uni<WebhookAck> tooLarge(long bytes) {
    return refuse(System.nanoTime(), Outcome.TOO_LARGE, new ApiException(413, "payload_too_large",
        "Delivery of " + bytes + " bytes exceeds the limit of " + this.maxBodySize + " bytes"));
  }

  private Uni<WebhookAck> enqueue(String payload, long start) {
    return this.jobs.enqueue(QUEUE, payload, JobOptions.defaults())
        .ifNoItem().after(this.enqueueTimeout).fail()
        .map(result -> {
          this.metrics.delivery(Outcome.ACCEPTED, start);
          return WebhookAck.accepted(result.jobId());
        })
        .onFailure().transform(failure -> {
          this.metrics.delivery(Outcome.UNAVAILABLE, start);
          warnUnavailable(failure);
          return ApiException.retryAfter(503, "unavailable", "The delivery could not be stored; retry later", null, 1000);
        });
  }

  private Uni<WebhookAck> refuse(long start, Outcome outcome, ApiException refusal) {
    this.metrics.delivery(outcome, start);
    return Uni.createFrom().failure(refusal);
  }

  /** At most one warning per 10 s while Redis is away; the metric counts every refused delivery. */
  private void warnUnavailable(Throwable failure) {
    if (this.unavailableWarnings.allow("unavailable")) {
      Log.warnf("Webhook deliveries refused with 503, the queue is unavailable: %s", failure.toString());
    }
  }

  /** At most once a minute: a refused body that looks like a pretty-printed file with its newlines removed. */
  private void warnIfNewlinesStripped(byte[] body) {
    if (StrippedNewlines.suspected(body) && this.strippedNewlineWarnings.allow("stripped-newlines")) {
      Log.warn("A webhook delivery failed its signature and looks like an indented file whose newlines were removed "
          + "(curl -d does that): sign the exact bytes and post them with curl --data-binary @file");
    }
  }
}
