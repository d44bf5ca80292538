package dev.switchboard.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.switchboard.redis.RedisProbe;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/** Ready only while the queue Redis answers a PING within the configured timeout. */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements AsyncHealthCheck {

  private final RedisProbe probe;

  public RedisReadinessCheck(RedisProbe probe) {
    this.probe = probe;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return this.probe.pingQueue().map(ping -> {
      var response = HealthCheckResponse.named("redis").status(ping.up());
      if (ping.up()) {
        response.withData("latencyMs", ping.latencyMs());
      } else {
        response.withData("error", ping.error());
      }
      return response.build();
    });
  }
}
