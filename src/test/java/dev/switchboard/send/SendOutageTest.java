package dev.switchboard.send;

import static dev.switchboard.send.SendClient.send;
import static dev.switchboard.send.SendClient.text;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.switchboard.testing.RedisTestResource;
import dev.switchboard.testing.TestSettings;
import io.quarkus.test.junit.QuarkusTest;

/** Without Redis the send API cannot promise anything: it answers 503 with Retry-After, and 202 again once Redis is back. */
@QuarkusTest
class SendOutageTest {

  @Test
  void shouldAnswer503WhileRedisIsDown() {
    RedisTestResource.server().stop();
    try {
      send(TestSettings.ACME_API_TOKEN, text("+4917012345678", "outage")).then().statusCode(503)
          .body("error", equalTo("unavailable")).header("Retry-After", "1");
    } finally {
      RedisTestResource.server().start();
    }
    await().atMost(Duration.ofSeconds(30))
        .until(() -> send(TestSettings.ACME_API_TOKEN, text("+4917012345678", "after the outage")).statusCode() == 202);
  }
}
