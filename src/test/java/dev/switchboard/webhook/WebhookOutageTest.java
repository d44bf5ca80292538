package dev.switchboard.webhook;

import static dev.switchboard.webhook.Deliveries.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Metrics;
import dev.switchboard.testing.RedisTestResource;
import dev.switchboard.testing.TestSettings;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Redis goes away under intake: deliveries are refused with 503 (so Meta keeps them and retries), never answered
 * 200 without being stored; once Redis is back they are accepted again and every accepted one is processed once.
 * Only HTTP, so it also runs against the packaged app.
 */
@QuarkusTest
class WebhookOutageTest {

  @AfterEach
  void redisBack() {
    RedisTestResource.server().start();
  }

  @Test
  void shouldAnswer503WhenRedisDoesNotAcknowledgeInTimeAndStoreTheRetriedDeliveryOnce() throws IOException {
    String phone = Deliveries.newPhone();
    String wamid = Deliveries.unique("wamid.slow.");
    byte[] body = Deliveries.text(TestSettings.ACME_PHONE_NUMBER_ID, phone, wamid, "anyone there?", 1767290000L);
    double duplicatesBefore = Metrics.value("switchboard_webhook_duplicates_total", "");

    // Redis stays up but holds every write for 4 s, longer than switchboard.webhook.enqueue-timeout (2 s)
    redis("CLIENT", "PAUSE", "4000", "WRITE");
    post(body).statusCode(503).header("Retry-After", "1").body("error", equalTo("unavailable"));

    // the held write lands later, and Meta retries the delivery it was refused: one message, one duplicate
    await().atMost(Duration.ofSeconds(30)).until(() -> post(body).extract().statusCode() == 200);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(Metrics.value("switchboard_webhook_duplicates_total", "") - duplicatesBefore).isGreaterThanOrEqualTo(1.0));
    WebhookProcessingTest.messages(TestSettings.ACME_API_TOKEN, phone).body("messages.wamid", equalTo(List.of(wamid)));
    WebhookProcessingTest.state(TestSettings.ACME_API_TOKEN, phone).statusCode(200).body("messages", equalTo(1));
  }

  @Test
  void shouldAnswer503WhileRedisIsDownAndLoseNoAcceptedDelivery() {
    String phone = Deliveries.newPhone();
    List<byte[]> deliveries = new ArrayList<>();
    List<String> wamids = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String wamid = Deliveries.unique("wamid.outage." + i + ".");
      wamids.add(wamid);
      deliveries.add(Deliveries.text(TestSettings.ACME_PHONE_NUMBER_ID, phone, wamid, "message " + i, 1767290000L + i));
    }
    for (int i = 0; i < 10; i++) {
      post(deliveries.get(i)).statusCode(200);
    }

    RedisTestResource.server().stop();
    List<byte[]> refused = new ArrayList<>();
    for (int i = 10; i < 20; i++) {
      int status = post(deliveries.get(i)).extract().statusCode();
      assertThat(status).as("delivery %d while Redis is down", i).isIn(200, 503);
      if (status == 503) {
        refused.add(deliveries.get(i));
      }
    }
    assertThat(refused).as("deliveries refused while Redis was down").isNotEmpty();
    post(deliveries.get(20)).statusCode(503).body("error", equalTo("unavailable"));
    refused.add(deliveries.get(20));

    RedisTestResource.server().start();
    // Meta retries what it was refused; the first ones may still meet a reconnecting client
    await().atMost(Duration.ofSeconds(30)).until(() -> post(refused.get(0)).extract().statusCode() == 200);
    for (byte[] delivery : refused.subList(1, refused.size())) {
      post(delivery).statusCode(200);
    }
    for (int i = 21; i < 30; i++) {
      post(deliveries.get(i)).statusCode(200);
    }

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        WebhookProcessingTest.state(TestSettings.ACME_API_TOKEN, phone).statusCode(200).body("messages", equalTo(30)));
    List<String> stored = WebhookProcessingTest.messages(TestSettings.ACME_API_TOKEN, phone).extract().jsonPath().getList("messages.wamid");
    assertThat(stored).containsExactlyInAnyOrderElementsOf(wamids);
  }

  /** One command to the test Redis over a plain socket (this test also runs outside the application). */
  private static void redis(String... command) throws IOException {
    StringBuilder resp = new StringBuilder("*" + command.length + "\r\n");
    for (String part : command) {
      resp.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
    }
    try (Socket socket = new Socket("127.0.0.1", RedisTestResource.server().port())) {
      socket.getOutputStream().write(resp.toString().getBytes(StandardCharsets.UTF_8));
      String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
      assertThat(answer).isEqualTo("+OK");
    }
  }
}
