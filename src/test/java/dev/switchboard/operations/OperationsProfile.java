package dev.switchboard.operations;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * User states live a week here (production keeps them a day), so that states older than a day exist for the
 * clean-ups to find; the scheduled maintenance stays off, so only the tests trigger it, and a lock lease is 300 ms, so
 * a run that outlives several leases shows that the runner renews its own.
 */
public class OperationsProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("switchboard.cache.ttl.user-state", "7d", "switchboard.maintenance.daily-enabled", "false",
        "switchboard.maintenance.weekly-enabled", "false", "switchboard.maintenance.lock-lease", "300ms");
  }
}
