package dev.switchboard.send.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.queue.QueueAdmin;
import dev.switchboard.queue.QueueCounts;
import dev.switchboard.testing.JsonMutator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Fuzzing of the send API's input handling: seeded mutations of valid requests (text, template, options). Every
 * answer is a success or a client error, and every 400 names the field and the reason; nothing ends in a 5xx.
 */
@QuarkusTest
class SendApiFuzzTest {

  private static final int CASES = 400;
  // a tenant of its own (FakeGraph's fair-9), so these sends never count against another test's number
  private static final String TOKEN = "fair-9-api-token";
  private static final List<String> VALID = List.of(
      "{\"phoneNumber\":\"+15551234567\",\"text\":\"fuzz\"}",
      "{\"phoneNumber\":\"+4917012345678\",\"text\":\"fuzz \\u00e9\\ud83d\\ude00\",\"priority\":7,\"conversationId\":\"c-1\"}",
      "{\"phoneNumber\":\"+15551234567\",\"template\":{\"name\":\"booking_reminder\",\"language\":{\"code\":\"en_US\"},"
          + "\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Ana\"}]}]}}");

  @Inject
  QueueAdmin admin;

  @Test
  void shouldAnswerEveryMutatedRequestWithoutAServerError() {
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < CASES; i++) {
      byte[] body = new JsonMutator(i).mutate(VALID.get(i % VALID.size()));
      Response response = given().header("Authorization", "Bearer " + TOKEN).header("Idempotency-Key", "fuzz-" + i)
          .contentType("application/json").body(body).post("/api/whatsapp/send");
      int status = response.statusCode();
      String shown = new String(body, StandardCharsets.UTF_8);
      assertThat(status).as("seed %d: %s -> %s", i, shown, response.asString()).isIn(200, 202, 400, 409, 413, 415, 429);
      if (status == 400) {
        refused++;
        assertThat(response.jsonPath().getString("details.field")).as("seed %d: %s", i, shown).isNotBlank();
        assertThat(response.jsonPath().getString("details.reason")).as("seed %d: %s", i, shown).isNotBlank();
      } else if (status < 300) {
        accepted++;
      }
    }
    // both sides of the validation were exercised
    assertThat(accepted).isGreaterThan(CASES / 20);
    assertThat(refused).isGreaterThan(CASES / 4);

    // what was accepted is sent (or dead with its reason): no job stuck, none left to disturb other tests
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      QueueCounts counts = this.admin.counts("whatsapp-send").await().atMost(Duration.ofSeconds(5));
      return counts.waiting() + counts.active() + counts.delayed() + counts.failed() == 0;
    });
  }
}
