package dev.switchboard.webhook;

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

/**
 * Fuzzing over HTTP: signed, mutated deliveries. Intake answers each with a client status (never a 5xx) and
 * every delivery it accepted is processed without a single job dying: whatever the shape, the processor skips
 * what it cannot use and keeps the rest.
 */
@QuarkusTest
class WebhookEndpointFuzzTest {

  private static final String QUEUE = "whatsapp:webhook";
  private static final int CASES = 300;

  @Inject
  QueueAdmin admin;

  @Test
  void shouldAnswerEveryMutatedDeliveryAndProcessWhatItAccepted() throws Exception {
    List<String> fixtures = WebhookParserFuzzTest.fixtures();
    long deadBefore = this.admin.counts(QUEUE).await().atMost(Duration.ofSeconds(5)).dead();
    int accepted = 0;
    for (int i = 0; i < CASES; i++) {
      // own wamids and an unknown sender number: nothing here can collide with other tests' conversations
      String fixture = fixtures.get(i % fixtures.size()).replace("wamid.", "wamid.fuzz" + i + "-")
          .replaceAll("\"phone_number_id\"\\s*:\\s*\"[0-9]+\"", "\"phone_number_id\":\"999000" + i + "\"");
      byte[] body = new JsonMutator(i).mutate(fixture);
      int status = Deliveries.post(body).extract().statusCode();
      assertThat(status).as("seed %d: %s", i, new String(body, StandardCharsets.UTF_8)).isIn(200, 400, 413);
      if (status == 200) {
        accepted++;
      }
    }
    assertThat(accepted).isGreaterThan(CASES / 2);

    await().atMost(Duration.ofSeconds(60)).until(() -> {
      QueueCounts counts = this.admin.counts(QUEUE).await().atMost(Duration.ofSeconds(5));
      return counts.waiting() + counts.active() + counts.delayed() + counts.failed() == 0;
    });
    assertThat(this.admin.counts(QUEUE).await().atMost(Duration.ofSeconds(5)).dead()).isEqualTo(deadBefore);
  }
}
