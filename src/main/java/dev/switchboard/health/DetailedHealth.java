package dev.switchboard.health;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of {@code GET /health/detailed}: the state of the service in one look, for operators and dashboards. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DetailedHealth(String status, String version, long uptimeSeconds, Checks checks) {

  public static final String HEALTHY = "healthy";
  public static final String DEGRADED = "degraded";
  public static final String UNHEALTHY = "unhealthy";

  public record Checks(Redis redis, Cache cache, Memory memory) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Redis(String status, Long latencyMs, String maxmemoryPolicy, String warning, String error) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Cache(String type, Long latencyMs, String error) {
  }

  public record Memory(long heapUsedBytes, long heapMaxBytes, long nonHeapUsedBytes, long rssBytes) {
  }
}
