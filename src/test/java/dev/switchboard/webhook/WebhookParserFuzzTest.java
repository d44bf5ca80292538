package dev.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.switchboard.testing.JsonMutator;
import dev.switchboard.webhook.processing.WebhookDelivery;
import dev.switchboard.webhook.processing.WebhookParser;

/**
 * Fuzzing of what reads a delivery: thousands of seeded mutations of Meta's sample deliveries. The intake check
 * answers for every input (never throws), and whatever it lets in, the parser reads or refuses with its own
 * exception: no other failure, whatever the shape. A failing seed is printed, so the case can be replayed.
 */
class WebhookParserFuzzTest {

  private static final int CASES_PER_FIXTURE = 400;

  @Test
  void shouldClassifyEveryInputAndParseWhatIntakeLetsIn() throws IOException {
    List<String> fixtures = fixtures();
    assertThat(fixtures).hasSizeGreaterThan(10);
    int admitted = 0;
    for (int f = 0; f < fixtures.size(); f++) {
      for (int i = 0; i < CASES_PER_FIXTURE; i++) {
        long seed = f * 100_000L + i;
        byte[] body = new JsonMutator(seed).mutate(fixtures.get(f));
        try {
          DeliveryCheck.Result result = DeliveryCheck.check(body);
          assertThat(result.kind()).isNotNull();
          if (result.kind() == DeliveryCheck.Kind.WHATSAPP) {
            admitted++;
            WebhookDelivery delivery = WebhookParser.parse(result.text());
            assertThat(delivery.changes()).isNotNull();
          }
        } catch (WebhookParser.UnreadableDelivery expected) {
          // refused with its reason: fine
        } catch (RuntimeException | Error e) {
          throw new AssertionError("seed " + seed + " (fixture " + f + ") failed on: "
              + new String(body, StandardCharsets.UTF_8), e);
        }
      }
    }
    // the mutations must mostly keep deliveries valid enough to reach the parser, or this tests nothing
    assertThat(admitted).isGreaterThan(fixtures.size() * CASES_PER_FIXTURE / 2);
  }

  @Test
  void shouldRefuseDeepNestingWithoutRunningOutOfStack() {
    byte[] body = JsonMutator.deeplyNested(100_000).getBytes(StandardCharsets.UTF_8);
    assertThat(DeliveryCheck.check(body).kind()).isEqualTo(DeliveryCheck.Kind.MALFORMED);
  }

  static List<String> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/webhooks"))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().map(p -> {
        try {
          return Files.readString(p);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).filter(text -> !text.isBlank()).toList();
    }
  }
}
