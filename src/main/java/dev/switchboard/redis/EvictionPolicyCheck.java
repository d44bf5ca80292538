package dev.switchboard.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Warns loudly at start-up when the queue Redis (on a cluster: any of its masters) may evict keys: an eviction there
 * silently loses jobs.
 * Start-up goes on (refusing to start would turn a warning into an outage); /health/detailed reports it too.
 */
@ApplicationScoped
public class EvictionPolicyCheck {

  void onStart(@Observes StartupEvent event, RedisProbe probe) {
    probe.queueEvictionPolicies().subscribe().with(policies -> {
      if (policies.anyUnread()) {
        Log.warnf("Cannot read maxmemory-policy of %s; make sure it is '%s'",
            policies.nodes().isEmpty() ? "the queue Redis" : "every master of the queue Redis", EvictionPolicies.REQUIRED);
      }
      policies.warning().ifPresent(warning -> Log.errorf("The queue Redis may evict keys, and so lose jobs: %s. Set it to '%s'",
          warning, EvictionPolicies.REQUIRED));
    });
  }
}
