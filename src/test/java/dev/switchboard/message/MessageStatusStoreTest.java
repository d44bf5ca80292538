package dev.switchboard.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.redis.LuaScript;
import dev.switchboard.redis.RedisClients;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MessageStatusStoreTest {

  private static final LuaScript WAMID = LuaScript.fromResources("message/lua/wamid.lua");

  @Inject
  MessageStatusStore store;

  @Inject
  @RedisClientName(RedisClients.QUEUE)
  ReactiveRedisDataSource redis;

  @Test
  void shouldOnlyMoveForwardWhenStatusesArriveOutOfOrder() {
    this.store.created("job-ooo", "acme", "+15551234567").await().indefinitely();
    this.store.sent("job-ooo", "wamid.OOO", Instant.ofEpochMilli(1000)).await().indefinitely();

    assertThat(report("wamid.OOO", "read", 3000)).contains("read");
    assertThat(report("wamid.OOO", "delivered", 2000)).contains("read");
    assertThat(report("wamid.OOO", "sent", 1000)).contains("read");

    MessageStatus status = this.store.find("job-ooo").await().indefinitely().orElseThrow();
    assertThat(status.status()).isEqualTo("read");
    assertThat(status.wamid()).isEqualTo("wamid.OOO");
    assertThat(status.readAt()).isEqualTo(Instant.ofEpochMilli(3000));
    assertThat(status.deliveredAt()).isNull();
  }

  @Test
  void shouldKeepFailedTerminalWithItsError() {
    this.store.created("job-fail", "acme", "+15551234567").await().indefinitely();
    this.store.sent("job-fail", "wamid.FAIL", Instant.now()).await().indefinitely();

    Optional<String> failed = this.store.statusReported("wamid.FAIL", "failed", Instant.now(), "131047", "Re-engagement message")
        .await().indefinitely();
    assertThat(failed).contains("failed");
    assertThat(report("wamid.FAIL", "delivered", 5000)).contains("failed");

    MessageStatus status = this.store.find("job-fail").await().indefinitely().orElseThrow();
    assertThat(status.errorCode()).isEqualTo("131047");
    assertThat(status.errorTitle()).isEqualTo("Re-engagement message");
  }

  @Test
  void shouldApplyAStatusThatArrivedBeforeTheSenderLinkedItsWamid() {
    this.store.created("job-early", "acme", "+15551234567").await().indefinitely();

    assertThat(report("wamid.EARLY", "delivered", 2000)).isEmpty();
    this.store.sent("job-early", "wamid.EARLY", Instant.ofEpochMilli(1000)).await().indefinitely();

    assertThat(this.store.find("job-early").await().indefinitely().orElseThrow().status()).isEqualTo("delivered");
  }

  @Test
  void shouldStillApplyAnEarlyStatusWhenTheSenderDiedBetweenLinkingAndApplyingIt() {
    this.store.created("job-relink", "acme", "+15551234567").await().indefinitely();
    assertThat(report("wamid.RELINK", "read", 3000)).isEmpty();

    // the first attempt's replica linked the wamid (one key) and died before it applied the parked status (another key)
    WAMID.run(this.redis, List.of(this.store.wamidKey("wamid.RELINK")), List.of("link", "job-relink", "60")).await().indefinitely();
    assertThat(this.store.find("job-relink").await().indefinitely().orElseThrow().status()).isEqualTo("queued");
    // the next attempt finds the wamid it recorded on the job and links it again
    this.store.sent("job-relink", "wamid.RELINK", Instant.ofEpochMilli(1000)).await().indefinitely();

    MessageStatus status = this.store.find("job-relink").await().indefinitely().orElseThrow();
    assertThat(status.status()).isEqualTo("read");
    assertThat(status.readAt()).isEqualTo(Instant.ofEpochMilli(3000));
    // once linked, a later status goes to the message directly
    assertThat(report("wamid.RELINK", "delivered", 2000)).contains("read");
  }

  @Test
  void shouldKeepTheStatusWhenMetaReportsOneWeDoNotModel() {
    this.store.created("job-odd", "acme", "+15551234567").await().indefinitely();
    this.store.sent("job-odd", "wamid.ODD", Instant.ofEpochMilli(1000)).await().indefinitely();

    assertThat(report("wamid.ODD", "deleted", 2000)).contains("sent");
    assertThat(report("wamid.ODD_EARLY", "warning", 2000)).isEmpty();
    assertThat(report("wamid.ODD", "delivered", 3000)).contains("delivered");
  }

  @Test
  void shouldIgnoreStatusesOfMessagesSentElsewhere() {
    assertThat(report("wamid.NOT_OURS", "read", 1000)).isEmpty();
    assertThat(this.store.find("no-such-job").await().indefinitely()).isEmpty();
  }

  private Optional<String> report(String wamid, String status, long at) {
    return this.store.statusReported(wamid, status, Instant.ofEpochMilli(at), null, null).await().indefinitely();
  }
}
