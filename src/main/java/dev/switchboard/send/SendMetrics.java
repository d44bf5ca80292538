package dev.switchboard.send;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.metrics.LatencyBuckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Meters of the send path. Tags are small enumerations (outcome, error code from a fixed set), never a tenant,
 * number or job id.
 */
// created at start-up: a counter first seen at 1 shows no increase, so the first error 190 or rejected delivery would not alert
@io.quarkus.runtime.Startup
@ApplicationScoped
public class SendMetrics {

  private final MeterRegistry registry;
  private final Timer permitWait;
  private final Counter permitWaits;
  private final Counter stalePermits;
  private final Counter tokensRejected;
  // meters by tag values, looked up once: building and registering a meter per message cost the send path a builder,
  // a tag list and a registry look-up each time (the tag values are small fixed sets, so these maps stay small)
  private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
  private final Map<String, Timer> graphCalls = new ConcurrentHashMap<>();
  private final Map<String, Counter> apiRequests = new ConcurrentHashMap<>();

  public SendMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.permitWait = Timer.builder("switchboard.send.ratelimit.wait")
        .description("Time a send waited for its slot at the per-number rate limiter").serviceLevelObjectives(LatencyBuckets.LOCAL).register(registry);
    this.permitWaits = Counter.builder("switchboard.send.ratelimit.waits")
        .description("Sends that had to wait for the per-number rate limiter").register(registry);
    this.stalePermits = Counter.builder("switchboard.send.ratelimit.stale")
        .description("Rate limiter slots given up because the send could not go out on time").register(registry);
    this.tokensRejected = Counter.builder("switchboard.send.graph.tokens.rejected")
        .description("Graph API calls refused for an invalid or expired access token (error 190): alert").register(registry);
  }

  /** One message's outcome: {@code sent}, {@code retry}, {@code dead}, {@code skipped} (sent by an earlier attempt). */
  public void outcome(String outcome, String code) {
    String tag = code == null ? "none" : code;
    this.outcomes.computeIfAbsent(outcome + '\n' + tag, ignored -> Counter.builder("switchboard.send.messages")
        .description("Send attempts by outcome and Graph error code").tag("outcome", outcome).tag("code", tag).register(this.registry))
        .increment();
  }

  public void permitWaited(Duration waited) {
    this.permitWait.record(waited);
    if (!waited.isZero()) {
      this.permitWaits.increment();
    }
  }

  public void stalePermit() {
    this.stalePermits.increment();
  }

  public void graphCall(Duration latency, String outcome) {
    this.graphCalls.computeIfAbsent(outcome, ignored -> Timer.builder("switchboard.send.graph.latency").description("Graph API send call latency")
        .tag("outcome", outcome).serviceLevelObjectives(LatencyBuckets.REMOTE).register(this.registry)).record(latency);
  }

  /**
   * Meta's throughput limit paused a sender number: {@code switchboard_send_number_paused_seconds_total} by phone-number id
   * (a business number, a handful per tenant) grows by the pause, so an alert can tell a blip from minutes of silence.
   */
  public void numberPaused(String phoneNumberId, Duration pause) {
    Counter.builder("switchboard.send.number.paused.seconds").description("Seconds of pauses Meta's rate limits imposed on a sender number")
        .tag("phone_number_id", phoneNumberId).register(this.registry).increment(pause.toMillis() / 1000.0);
  }

  public void tokenRejected() {
    this.tokensRejected.increment();
  }

  /** Send API requests by outcome: {@code accepted}, {@code duplicate}, {@code sent} (direct), {@code rate_limited}, {@code conflict}. */
  public void apiRequest(String outcome) {
    this.apiRequests.computeIfAbsent(outcome, ignored -> Counter.builder("switchboard.send.api.requests").description("Send API requests by outcome")
        .tag("outcome", outcome).register(this.registry)).increment();
  }
}
