package dev.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.conversation.ConversationStore;
import dev.switchboard.testing.TestSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * 2,000 signed deliveries from 32 concurrent clients, a fifth of them redeliveries of others: every one is answered
 * 200, every message is stored exactly once, and every redelivery is dropped as a duplicate.
 */
@QuarkusTest
class WebhookLoadTest {

  static final int CLIENTS = 32;
  static final int DELIVERIES = 2000;
  static final int UNIQUE = 1600;
  static final int CUSTOMERS = 50;

  @TestHTTPResource("/webhooks/whatsapp")
  URL endpoint;

  @Inject
  ConversationStore conversations;

  @Inject
  MeterRegistry registry;

  @Test
  void shouldAcceptProcessAndDeduplicateEveryDeliveryUnderConcurrentLoad() throws Exception {
    String run = String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    List<String> phones = new ArrayList<>();
    for (int c = 0; c < CUSTOMERS; c++) {
      phones.add("1777" + run + String.format("%02d", c));
    }
    List<byte[]> bodies = new ArrayList<>(DELIVERIES);
    for (int i = 0; i < UNIQUE; i++) {
      bodies.add(Deliveries.text(TestSettings.ACME_PHONE_NUMBER_ID, phones.get(i % CUSTOMERS), "wamid.load." + run + "." + i,
          "order update " + i, 1767290000L + i));
    }
    for (int i = UNIQUE; i < DELIVERIES; i++) {
      bodies.add(bodies.get((i * 7) % UNIQUE)); // a redelivery: the same bytes again
    }
    double duplicatesBefore = this.registry.counter("switchboard.webhook.duplicates").count();

    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    AtomicInteger next = new AtomicInteger();
    Map<Integer, Integer> answers = new ConcurrentHashMap<>();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < CLIENTS; w++) {
        workers.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < DELIVERIES; i = next.getAndIncrement()) {
            byte[] body = bodies.get(i);
            HttpRequest request = HttpRequest.newBuilder(URI.create(this.endpoint.toString()))
                .header("Content-Type", "application/json").header(Deliveries.SIGNATURE_HEADER, Deliveries.sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            answers.merge(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode(), 1, Integer::sum);
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(answers).containsExactly(Map.entry(200, DELIVERIES));

    // wait on this test's own conversations (the duplicates counter is global: other tests' late jobs move it too)
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> storedMessages(phones) >= UNIQUE);
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
        assertThat(this.registry.counter("switchboard.webhook.duplicates").count() - duplicatesBefore + storedMessages(phones))
            .isGreaterThanOrEqualTo((double) DELIVERIES));
    assertThat(storedMessages(phones)).isEqualTo(UNIQUE);
    for (String phone : phones) {
      var history = this.conversations.messages(TestSettings.ACME, phone, 100).await().indefinitely();
      assertThat(history).hasSize(UNIQUE / CUSTOMERS);
      assertThat(history.stream().map(m -> m.wamid()).distinct().count()).isEqualTo(UNIQUE / CUSTOMERS);
    }
  }

  private long storedMessages(List<String> phones) {
    long total = 0;
    for (String phone : phones) {
      total += this.conversations.state(TestSettings.ACME, phone).await().indefinitely().map(state -> state.messages()).orElse(0L);
    }
    return total;
  }
}
