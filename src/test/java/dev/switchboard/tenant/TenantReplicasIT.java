package dev.switchboard.tenant;

import static dev.switchboard.testing.TenantAdminClient.uniqueNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.devmode.LocalRedisServer;
import dev.switchboard.send.FakeGraph;
import dev.switchboard.testing.ServiceProcess;
import dev.switchboard.testing.TenantAdminClient;
import dev.switchboard.testing.TestSettings;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/**
 * Two replicas of the packaged service as OS processes on one Redis: every change made through one is in force on
 * the other within a second (create, Graph token, disable, enable, rotation, delete), and neither replica's log, at
 * debug level, ever shows a token it was given or issued.
 */
class TenantReplicasIT {

  static final Duration ONE_SECOND = Duration.ofSeconds(1);
  static final Duration POLL = Duration.ofMillis(25);

  private final List<ServiceProcess> replicas = new ArrayList<>();
  private final List<String> secrets = new ArrayList<>(List.of(TestSettings.ADMIN_TOKEN, TestSettings.ENCRYPTION_KEY,
      TestSettings.ACME_API_TOKEN, TestSettings.ACME_ACCESS_TOKEN, TestSettings.GLOBEX_API_TOKEN, TestSettings.GLOBEX_ACCESS_TOKEN));
  private final List<String> answers = new ArrayList<>();
  private LocalRedisServer redis;

  @AfterEach
  void stop() {
    this.replicas.forEach(ServiceProcess::kill);
    if (this.redis != null) {
      this.redis.stop();
    }
  }

  @Test
  void shouldPutEveryChangeInForceOnTheOtherReplicaWithinASecondAndNeverLogAToken() throws IOException {
    this.redis = LocalRedisServer.onFreePort(List.of("--appendonly", "no"));
    this.redis.start();
    FakeGraph graph = FakeGraph.server();
    Map<String, String> settings = new HashMap<>(new TestSettings().start());
    settings.putAll(new FakeGraph().start());
    settings.put("quarkus.redis.hosts", this.redis.url());
    settings.put("quarkus.log.level", "DEBUG"); // the most an operator could turn on
    settings.put("quarkus.log.category.\"dev.switchboard\".level", "DEBUG");
    ServiceProcess a = start(new ServiceProcess("tenants-a", settings));
    ServiceProcess b = start(new ServiceProcess("tenants-b", settings));
    TenantAdminClient onA = TenantAdminClient.of(a);
    TenantAdminClient onB = TenantAdminClient.of(b);
    String id = "replicated";
    String number = uniqueNumber();
    String firstGraphToken = secret("EAAG-first-graph-token-of-replicated");
    String secondGraphToken = secret("EAAG-second-graph-token-of-replicated");

    // created on A, sending through B within a second, with the token A stored
    Response created = onA.create(new JsonObject().put("id", id).put("phoneNumberId", number).put("accessToken", firstGraphToken));
    String first = secret(created.then().statusCode(201).extract().path("apiToken"));
    long start = System.nanoTime();
    within(ONE_SECOND, () -> onB.send(first, "first through b").statusCode() == 202);
    System.out.printf("created on A, accepted by B after %d ms%n", (System.nanoTime() - start) / 1_000_000);
    await().atMost(Duration.ofSeconds(20)).until(() -> !graph.requestsWithTextStarting("first through b").isEmpty());
    assertThat(graph.requestsWithTextStarting("first through b").get(0).authorization()).isEqualTo("Bearer " + firstGraphToken);

    // a tenant without a Graph token is refused at submit on B until A sets one
    onA.create(new JsonObject().put("id", "tokenless").put("phoneNumberId", uniqueNumber())).then().statusCode(201);
    String tokenless = secret(onA.post("/tokenless/api-tokens", new JsonObject().put("keepPreviousFor", "0")).path("token"));
    within(ONE_SECOND, () -> onB.send(tokenless, "no token yet").statusCode() == 422);
    onA.put("/tokenless/access-token", new JsonObject().put("accessToken", secondGraphToken)).then().statusCode(200);
    within(ONE_SECOND, () -> onB.send(tokenless, "token set on a").statusCode() == 202);

    // disabled on B: A refuses at once; enabled on A: B serves again
    onB.post("/" + id + "/disable", null).then().statusCode(200);
    within(ONE_SECOND, () -> onA.send(first, "while disabled").statusCode() == 403);
    onA.post("/" + id + "/enable", null).then().statusCode(200);
    within(ONE_SECOND, () -> onB.send(first, "enabled again").statusCode() == 202);

    // rotated on B with a 3-second overlap: A takes the new token within a second, the old one until the deadline
    Response rotated = onB.post("/" + id + "/api-tokens", new JsonObject().put("keepPreviousFor", "3s"));
    String second = secret(rotated.then().statusCode(201).extract().path("token"));
    within(ONE_SECOND, () -> onA.send(second, "new token on a").statusCode() == 202);
    assertThat(onA.send(first, "old token in overlap").statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).pollInterval(POLL).until(() -> onA.send(first, "old token late").statusCode() == 401);
    assertThat(onB.send(second, "new token on b").statusCode()).isEqualTo(202);

    // deleted on A: B refuses its token within a second
    onA.delete("/" + id + "?queuedSends=dead").then().statusCode(200);
    within(ONE_SECOND, () -> onB.send(second, "after delete").statusCode() == 401);

    this.answers.add(onA.admin().get("/admin/tenants").asString());
    this.answers.add(onB.get(id).asString());
    this.answers.add(onB.get("tokenless").asString());
    this.replicas.forEach(ServiceProcess::stop);

    Map<ServiceProcess, String> didThere = Map.of(a, "Tenant replicated created", b, "Tenant replicated disabled");
    for (ServiceProcess replica : List.of(a, b)) {
      String log = Files.readString(replica.log());
      assertThat(log).as("log of %s", replica.name()).contains(didThere.get(replica)).contains("DEBUG [dev.switchboard");
      for (String secret : this.secrets) {
        assertThat(log).as("log of %s", replica.name()).doesNotContain(secret);
      }
    }
    for (String answer : this.answers) {
      this.secrets.forEach(secret -> assertThat(answer).doesNotContain(secret));
    }
  }

  private ServiceProcess start(ServiceProcess replica) {
    this.replicas.add(replica);
    return replica.start();
  }

  private String secret(String value) {
    this.secrets.add(value);
    return value;
  }

  private static void within(Duration limit, BooleanSupplier condition) {
    await().atMost(limit).pollInterval(POLL).pollDelay(Duration.ZERO).until(condition::getAsBoolean);
  }
}
