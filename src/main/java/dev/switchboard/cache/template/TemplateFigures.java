package dev.switchboard.cache.template;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The template cache's figures, as {@code GET /api/cache/metrics} shows them. */
public final class TemplateFigures {

  private TemplateFigures() {
  }

  /** Since start-up on this replica, overall and per key. */
  @RegisterForReflection
  public record Runtime(long hits, long misses, long creations, double hitRate, double missRate, long totalRequests,
      Map<String, ByKey> byKey) {
  }

  /** One key: its counts and what its last lookup was about. */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ByKey(long hits, long misses, long creations, double hitRate, double missRate, long totalRequests, String hash,
      String templateId, String source, Instant lastSeenAt) {
  }

  /** The last {@code windowSeconds}: counts, and whether misses spike (over the rate with enough requests). */
  @RegisterForReflection
  public record Window(long windowSeconds, long hits, long misses, long creations, double hitRate, double missRate, long totalRequests,
      boolean missSpike, long missSpikeAlerts) {
  }

  static double rate(long part, long total) {
    return total == 0 ? 0 : Math.round(10_000.0 * part / total) / 10_000.0;
  }
}
