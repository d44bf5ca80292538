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
 * answer is a success or a client error, and every 400 names the field and the reason; nothing ends in a 5xx. Then the
 * careless client's bodies, each of which must be a 400 naming its field: bytes that are not UTF-8, control
 * characters in text, a key given twice, a template with more components or parameters than WhatsApp takes.
 */
@QuarkusTest
class SendApiFuzzTest {

  private static final int CASES = 400;
  private static final int CARELESS_CASES = 120;
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
    awaitQueueEmpty();
  }

  @Test
  void shouldRefuseEveryCarelessBodyWith400NamingItsField() {
    java.util.Random random = new java.util.Random(17);
    int refused = 0;
    for (int i = 0; i < CARELESS_CASES; i++) {
      Careless careless = careless(random, i);
      Response response = given().header("Authorization", "Bearer " + TOKEN).contentType("application/json").body(careless.body())
          .post("/api/whatsapp/send");
      String shown = new String(careless.body(), StandardCharsets.ISO_8859_1);
      assertThat(response.statusCode()).as("case %d (%s): %s -> %s", i, careless.kind(), shown, response.asString()).isEqualTo(400);
      assertThat(response.jsonPath().getString("details.field")).as("case %d (%s): %s", i, careless.kind(), shown)
          .isEqualTo(careless.field());
      refused++;
    }
    assertThat(refused).isEqualTo(CARELESS_CASES);
    awaitQueueEmpty();
  }

  /** A body a careless client sends, and the field its 400 must name. */
  record Careless(String kind, byte[] body, String field) {
  }

  static Careless careless(java.util.Random random, int i) {
    String word = "hi" + random.nextInt(1000);
    return switch (i % 6) {
      case 0 -> { // Latin-1 or random bytes where UTF-8 was due, inside the text
        byte[] head = ("{\"phoneNumber\":\"+15551234567\",\"text\":\"" + word).getBytes(StandardCharsets.UTF_8);
        byte[] bad = random.nextBoolean() ? new byte[] { (byte) 0xff, (byte) 0xfe } : new byte[] { (byte) (0x80 + random.nextInt(64)) };
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bad, 0, body, head.length, bad.length);
        System.arraycopy(tail, 0, body, head.length + bad.length, tail.length);
        yield new Careless("not UTF-8", body, "text");
      }
      case 1 -> { // NUL, escape, bell or another C0/C1 control inside the text (newline and tab are fine)
        int[] controls = { 0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x1b, 0x7f, 0x85, 0x9b };
        String control = String.format("\\u%04x", controls[random.nextInt(controls.length)]);
        yield json("control character", "{\"phoneNumber\":\"+15551234567\",\"text\":\"" + word + control + "\\nend\"}", "text");
      }
      case 2 -> json("duplicate key", "{\"phoneNumber\":\"+15551234567\",\"text\":\"" + word + "\",\"text\":\"other\"}", "text");
      case 3 -> json("duplicate nested key", "{\"phoneNumber\":\"+15551234567\",\"template\":{\"name\":\"a\",\"name\":\"b\","
          + "\"language\":\"en\"}}", "template.name");
      case 4 -> { // thousands of components
        int n = 15 + random.nextInt(5000);
        String components = String.join(",", java.util.Collections.nCopies(n, "{\"type\":\"button\",\"sub_type\":\"quick_reply\","
            + "\"index\":0,\"parameters\":[{\"type\":\"payload\",\"payload\":\"x\"}]}"));
        yield json("too many components", "{\"phoneNumber\":\"+15551234567\",\"template\":{\"name\":\"promo\",\"language\":\"en\","
            + "\"components\":[" + components + "]}}", "template.components");
      }
      default -> { // a body with more parameters than a 1,024-character body can hold
        int n = 205 + random.nextInt(3000);
        String parameters = String.join(",", java.util.Collections.nCopies(n, "{\"type\":\"text\",\"text\":\"p\"}"));
        yield json("too many parameters", "{\"phoneNumber\":\"+15551234567\",\"template\":{\"name\":\"promo\",\"language\":\"en\","
            + "\"components\":[{\"type\":\"body\",\"parameters\":[" + parameters + "]}]}}", "template.components[0].parameters");
      }
    };
  }

  private static Careless json(String kind, String body, String field) {
    return new Careless(kind, body.getBytes(StandardCharsets.UTF_8), field);
  }

  private void awaitQueueEmpty() {
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      QueueCounts counts = this.admin.counts("whatsapp-send").await().atMost(Duration.ofSeconds(5));
      return counts.waiting() + counts.active() + counts.delayed() + counts.failed() == 0;
    });
  }
}
