package dev.switchboard.tenant;

import static dev.switchboard.testing.TenantAdminClient.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.support.Digests;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The two ways a replica learns of a change another replica wrote to Redis, each alone. The periodic check is pushed
 * out to an hour here: the pub/sub announcement alone brings a change within a fraction of a second, and a change
 * nobody announced (a lost message) waits for the check, which then finds it in the change log.
 */
@QuarkusTest
@TestProfile(TenantSyncTest.SlowResync.class)
class TenantSyncTest {

  @Inject
  TenantStore store;

  @Inject
  TenantDirectory directory;

  @Inject
  TenantSync sync;

  public static class SlowResync implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("switchboard.tenant-registry.resync-interval", "1h");
    }
  }

  @Test
  void shouldApplyAnAnnouncedChangeWithinAFractionOfASecond() {
    String id = uniqueId("announced");
    long version = written(id);
    this.store.announce(version).await().atMost(Duration.ofSeconds(5));

    await().atMost(Duration.ofMillis(500)).pollInterval(Duration.ofMillis(10)).until(() -> this.directory.byApiToken(id + "-api-token").isPresent());
  }

  @Test
  void shouldNotApplyAnUnannouncedChangeBeforeTheNextCheckButAtIt() {
    String id = uniqueId("silent");
    written(id);

    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> this.directory.byId(id).isEmpty());
    this.sync.requestSync(); // what the periodic check does
    await().atMost(Duration.ofSeconds(2)).until(() -> this.directory.byId(id).isPresent());
    assertThat(this.directory.byApiToken(id + "-api-token")).map(Tenant::id).contains(id);
  }

  /** What another replica's create leaves in Redis. */
  private long written(String id) {
    long now = System.currentTimeMillis();
    TenantRecord record = new TenantRecord(id, id, null, null, null, 0, List.of(new ApiToken(Digests.sha256Hex(id + "-api-token"), now, 0)),
        80, 5, null, Tenant.State.ACTIVE, Tenant.QueuedSends.SEND, now, now, 0, 0);
    TenantStore.Saved saved = this.store.save(record, true).await().atMost(Duration.ofSeconds(5));
    assertThat(saved).isInstanceOf(TenantStore.Saved.Ok.class);
    return ((TenantStore.Saved.Ok) saved).version();
  }
}
