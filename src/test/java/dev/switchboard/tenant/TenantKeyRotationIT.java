package dev.switchboard.tenant;

import static dev.switchboard.testing.TenantAdminClient.uniqueNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.devmode.LocalRedisServer;
import dev.switchboard.send.FakeGraph;
import dev.switchboard.testing.ServiceProcess;
import dev.switchboard.testing.TenantAdminClient;
import dev.switchboard.testing.TestSettings;
import io.vertx.core.json.JsonObject;

/**
 * The encryption key's life, with the packaged service restarted on one Redis: a Graph token written under k1 still
 * sends after k2 becomes the active key (k1 kept as a previous key), re-encryption moves it to k2, after which k1 can
 * go; a replica without the right key refuses that tenant's sends (422) and logs why, and one with no key at all
 * refuses to start with one line naming the setting.
 */
class TenantKeyRotationIT {

  static final String K1 = Base64.getEncoder().encodeToString("rotation-test-key-number-one-32b".getBytes());
  static final String K2 = Base64.getEncoder().encodeToString("rotation-test-key-number-two-32b".getBytes());
  static final String GRAPH_TOKEN = "EAAG-graph-token-that-survives-rotation";

  private final FakeGraph graph = FakeGraph.server();
  private LocalRedisServer redis;
  private ServiceProcess replica;
  private int starts;

  @AfterEach
  void stop() {
    if (this.replica != null) {
      this.replica.kill();
    }
    if (this.redis != null) {
      this.redis.stop();
    }
  }

  @Test
  void shouldKeepSendingThroughAKeyRotationAndRefuseToStartWithoutAKey() throws IOException {
    this.redis = LocalRedisServer.onFreePort(List.of("--appendonly", "no"));
    this.redis.start();

    TenantAdminClient admin = start(K1, "k1", null);
    String token = admin.createSendable("rotating", uniqueNumber(), GRAPH_TOKEN);
    admin.get("rotating").then().body("accessToken.keyId", equalTo("k1"));
    sendsWithTheGraphToken(admin, token, "under k1");

    admin = start(K2, "k2", "k1:" + K1);
    sendsWithTheGraphToken(admin, token, "k2 active, k1 previous");
    admin.post("/re-encrypt", null).then().statusCode(200).body("keyId", equalTo("k2")).body("reEncrypted", equalTo(1));
    admin.get("rotating").then().body("accessToken.keyId", equalTo("k2"));
    admin.post("/re-encrypt", null).then().statusCode(200).body("reEncrypted", equalTo(0)).body("alreadyCurrent", equalTo(1));

    admin = start(K2, "k2", null);
    sendsWithTheGraphToken(admin, token, "only k2");

    // the old key alone no longer opens the token: the tenant is refused at submit, and the log says why
    admin = start(K1, "k1", null);
    admin.send(token, "wrong key").then().statusCode(422).body("error", equalTo("no_access_token"));
    String wrongKeyLog = Files.readString(this.replica.log());
    assertThat(wrongKeyLog).contains("Tenant rotating: its Graph access token cannot be decrypted").doesNotContain(GRAPH_TOKEN);

    ServiceProcess keyless = replica(null, "k1", null);
    assertThatThrownBy(keyless::start).isInstanceOf(IllegalStateException.class);
    List<String> lines = Files.readAllLines(keyless.log());
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("ERROR").contains("no encryption key is configured")
        .contains("switchboard.secrets.encryption-key").contains("SWITCHBOARD_SECRETS_ENCRYPTION_KEY"));
    assertThat(String.join("\n", lines)).doesNotContain(GRAPH_TOKEN).doesNotContain(K1).doesNotContain(K2);
  }

  private void sendsWithTheGraphToken(TenantAdminClient admin, String token, String text) {
    admin.send(token, text).then().statusCode(202);
    await().atMost(Duration.ofSeconds(20)).until(() -> !this.graph.requestsWithTextStarting(text).isEmpty());
    assertThat(this.graph.requestsWithTextStarting(text).get(0).authorization()).isEqualTo("Bearer " + GRAPH_TOKEN);
  }

  private TenantAdminClient start(String key, String keyId, String previous) {
    if (this.replica != null) {
      this.replica.stop();
    }
    this.replica = replica(key, keyId, previous).start();
    return TenantAdminClient.of(this.replica);
  }

  private ServiceProcess replica(String key, String keyId, String previous) {
    Map<String, String> settings = new HashMap<>(new TestSettings().start());
    settings.putAll(new FakeGraph().start());
    settings.put("quarkus.redis.hosts", this.redis.url());
    settings.remove("switchboard.secrets.encryption-key");
    if (key != null) {
      settings.put("switchboard.secrets.encryption-key", key);
    }
    settings.put("switchboard.secrets.encryption-key-id", keyId);
    if (previous != null) {
      settings.put("switchboard.secrets.previous-encryption-keys", previous);
    }
    return new ServiceProcess("key-rotation-" + (++this.starts), settings);
  }
}
