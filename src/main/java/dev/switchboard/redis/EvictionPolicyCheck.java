package dev.switchboard.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Warns loudly at start-up when the queue Redis may evict keys: an eviction there silently loses jobs.
 * Start-up goes on (refusing to start would turn a warning into an outage); /health/detailed reports it too.
 */
@ApplicationScoped
public class EvictionPolicyCheck {

  public static final String REQUIRED_POLICY = "noeviction";

  void onStart(@Observes StartupEvent event, RedisProbe probe) {
    probe.queueEvictionPolicy().subscribe().with(policy -> {
      if (policy.isEmpty()) {
        Log.warnf("Cannot read maxmemory-policy of the queue Redis; make sure it is '%s'", REQUIRED_POLICY);
      } else if (!REQUIRED_POLICY.equals(policy.get())) {
        Log.errorf("The queue Redis has maxmemory-policy '%s': jobs can be evicted and lost. Set it to '%s'",
            policy.get(), REQUIRED_POLICY);
      }
    });
  }
}
