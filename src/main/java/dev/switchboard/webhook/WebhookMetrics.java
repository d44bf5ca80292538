package dev.switchboard.webhook;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.metrics.LatencyBuckets;
import dev.switchboard.webhook.processing.WebhookParser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Webhook meters. Tag values come from small fixed sets (unknown ones fold into {@code other}/{@code unknown}), so
 * a hostile payload cannot grow the number of series.
 */
// created at start-up: a counter first seen at 1 shows no increase, so the first error 190 or rejected delivery would not alert
@io.quarkus.runtime.Startup
@ApplicationScoped
public class WebhookMetrics {

  /** What intake answered a delivery. */
  public enum Outcome {
    ACCEPTED, BAD_SIGNATURE, MALFORMED, TOO_LARGE, UNAVAILABLE, IGNORED;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Message types we model; anything else is counted as {@code unknown}. */
  public static final Set<String> MESSAGE_TYPES = WebhookParser.MESSAGE_TYPES;

  /** Status values Meta documents; anything else is counted as {@code unknown}. */
  public static final Set<String> STATUSES = Set.of("sent", "delivered", "read", "failed", "played", "unknown");

  /** Why an item of a delivery was not used. */
  public static final Set<String> SKIP_REASONS = Set.of("no_id", "no_sender", "no_status", "other_field", "not_an_object",
      "unknown_status");

  private final Map<Outcome, Counter> deliveries = new EnumMap<>(Outcome.class);
  private final Map<Outcome, Timer> intake = new EnumMap<>(Outcome.class);
  private final Map<String, Counter> messages = new ConcurrentHashMap<>();
  private final Map<String, Counter> statuses = new ConcurrentHashMap<>();
  private final Map<String, Counter> skipped = new ConcurrentHashMap<>();
  private final Map<String, Counter> errors = new ConcurrentHashMap<>();
  private final Counter duplicates;
  private final Counter unknownTenant;

  public WebhookMetrics(MeterRegistry registry) {
    for (Outcome outcome : Outcome.values()) {
      this.deliveries.put(outcome, Counter.builder("switchboard.webhook.deliveries")
          .description("Webhook deliveries by intake outcome").tag("outcome", outcome.tag()).register(registry));
      this.intake.put(outcome, Timer.builder("switchboard.webhook.intake")
          .description("Time from the complete request body to the answer, by outcome").tag("outcome", outcome.tag())
          .serviceLevelObjectives(LatencyBuckets.LOCAL).register(registry));
    }
    MESSAGE_TYPES.forEach(type -> this.messages.put(type, Counter.builder("switchboard.webhook.messages")
        .description("Inbound messages stored, by type").tag("type", type).register(registry)));
    STATUSES.forEach(status -> this.statuses.put(status, Counter.builder("switchboard.webhook.statuses")
        .description("Message statuses received, by status").tag("status", status).register(registry)));
    SKIP_REASONS.forEach(reason -> this.skipped.put(reason, Counter.builder("switchboard.webhook.items.skipped")
        .description("Items of deliveries that could not be used, by reason").tag("reason", reason).register(registry)));
    for (String level : new String[] { "value", "message", "status" }) {
      this.errors.put(level, Counter.builder("switchboard.webhook.errors")
          .description("Errors Meta reported in deliveries, by where they appeared").tag("level", level).register(registry));
    }
    this.duplicates = Counter.builder("switchboard.webhook.duplicates")
        .description("Redelivered messages dropped by message id").register(registry);
    this.unknownTenant = Counter.builder("switchboard.webhook.unknown.tenant")
        .description("Changes for a phone-number id no tenant owns (processed under tenant 'unknown')").register(registry);
  }

  public void delivery(Outcome outcome, long startNanos) {
    this.deliveries.get(outcome).increment();
    this.intake.get(outcome).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }

  public void message(String type) {
    this.messages.getOrDefault(type, this.messages.get("unknown")).increment();
  }

  public void status(String status) {
    this.statuses.getOrDefault(status, this.statuses.get("unknown")).increment();
  }

  public void skipped(String reason) {
    this.skipped.get(reason).increment();
  }

  public void error(String level) {
    this.errors.get(level).increment();
  }

  public void duplicate() {
    this.duplicates.increment();
  }

  public void unknownTenant() {
    this.unknownTenant.increment();
  }

}
