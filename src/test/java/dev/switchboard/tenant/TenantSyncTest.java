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
import dev.switchboard.testing.TenantAdminClient;
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

  @Test
  void shouldPurgeATombstoneOnlyOnceItsTimeIsUpAndFreeItsNumber() {
    String id = uniqueId("tomb");
    String number = TenantAdminClient.uniqueNumber();
    long now = System.currentTimeMillis();
    save(record(id, number, Tenant.State.DELETED, now + 60_000));
    assertThat(this.store.purge(id, now).await().atMost(Duration.ofSeconds(5))).isEmpty();

    assertThat(this.store.purge(id, now + 60_000).await().atMost(Duration.ofSeconds(5))).isPresent();
    assertThat(this.store.find(id).await().atMost(Duration.ofSeconds(5))).isEmpty();
    // the number is free again: another tenant may take it
    assertThat(save(record(uniqueId("heir"), number, Tenant.State.ACTIVE, 0))).isInstanceOf(TenantStore.Saved.Ok.class);
  }

  /** What another replica's create leaves in Redis. */
  private long written(String id) {
    TenantStore.Saved saved = save(record(id, null, Tenant.State.ACTIVE, 0));
    assertThat(saved).isInstanceOf(TenantStore.Saved.Ok.class);
    return ((TenantStore.Saved.Ok) saved).version();
  }

  private TenantStore.Saved save(TenantRecord record) {
    return this.store.save(record, true).await().atMost(Duration.ofSeconds(5));
  }

  private static TenantRecord record(String id, String number, Tenant.State state, long purgeAt) {
    long now = System.currentTimeMillis();
    return new TenantRecord(id, id, number, null, null, 0, List.of(new ApiToken(Digests.sha256Hex(id + "-api-token"), now, 0)), 80, 5, null,
        state, Tenant.QueuedSends.SEND, now, now, purgeAt, 0);
  }
}
