package dev.switchboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.devmode.LocalRedisServer;
import dev.switchboard.send.FakeGraph;
import dev.switchboard.testing.RespConnection;
import dev.switchboard.testing.ServiceProcess;
import dev.switchboard.testing.TestSettings;
import dev.switchboard.webhook.Deliveries;

/**
 * Several service processes on one Redis under a steady send and webhook load, while production happens to them:
 * one replica is killed with SIGKILL, Redis restarts (AOF on), the send queue is paused and resumed through the
 * admin API, a new replica joins. Clients behave as real ones do: Meta redelivers a webhook until it gets a 200, a
 * tenant retries a send with the same Idempotency-Key, a load balancer routes to any live replica. Afterwards:
 * every accepted webhook message is stored exactly once, every accepted send went out, no number exceeded its rate
 * in any 1-s window, no tenant had more than 5 sends in flight, nothing was sent while the queue was paused, and
 * retention kept the queues' memory bounded.
 *
 * <p>{@code -Dreliability.scale=N} multiplies the load (the {@code reliability} profile runs it at 5, with three
 * replicas).
 */
class ReliabilityIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final int SCALE = Integer.getInteger("reliability.scale", 1);
  private static final int REPLICAS = Integer.getInteger("reliability.replicas", 2);
  private static final int SENDS = 300 * SCALE;
  private static final int WEBHOOKS = 300 * SCALE;
  private static final int CUSTOMERS = 30;
  private static final int SEND_CLIENTS = 8;
  private static final int WEBHOOK_CLIENTS = 3;
  private static final int PAUSED_SENDS = 6;
  private static final String PAUSED_TEXT = "while paused ";

  private final List<ServiceProcess> replicas = new CopyOnWriteArrayList<>();
  private final AtomicInteger roundRobin = new AtomicInteger();
  private final AtomicInteger refusals = new AtomicInteger();
  private SharedRedis redis;

  /** The Redis the replicas share, and how this run restarts it. */
  protected interface SharedRedis extends AutoCloseable {
    /** Starts it; returns the settings that point a replica at it. */
    Map<String, String> start();

    /** Takes it (or part of it) down, as a crash or a rolling restart would; {@link #resume()} brings it back. */
    void interrupt();

    void resume();

    /** Whether clients notice {@link #interrupt()} (a 503 they retry), so the run waits for that; a fail-over may not. */
    default boolean refusesClients() {
      return true;
    }

    /** Keys matching the pattern, wherever they live. */
    long countKeys(String pattern) throws IOException;

    /** Entries of one stream. */
    long streamLength(String key) throws IOException;

    @Override
    void close();
  }

  /** One Redis with AOF on, restarted whole; a subclass runs the same on a cluster. */
  protected SharedRedis sharedRedis() {
    LocalRedisServer server = LocalRedisServer.onFreePort(List.of("--appendonly", "yes", "--appendfsync", "everysec"));
    return new SharedRedis() {
      @Override
      public Map<String, String> start() {
        server.start();
        return Map.of("quarkus.redis.hosts", server.url());
      }

      @Override
      public void interrupt() {
        server.stop();
      }

      @Override
      public void resume() {
        server.start();
      }

      @Override
      public long countKeys(String pattern) throws IOException {
        try (RespConnection raw = new RespConnection(server.port())) {
          return ReliabilityIT.countKeys(raw, pattern);
        }
      }

      @Override
      public long streamLength(String key) throws IOException {
        try (RespConnection raw = new RespConnection(server.port())) {
          return (Long) raw.call("XLEN", key);
        }
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }

  @AfterEach
  void stopEverything() {
    this.replicas.forEach(ServiceProcess::kill);
    if (this.redis != null) {
      this.redis.close();
    }
  }

  @Test
  void shouldKeepEveryPromiseThroughCrashesRestartsAndPauses() throws Exception {
    this.redis = sharedRedis();
    Map<String, String> redisSettings = this.redis.start();
    FakeGraph graph = FakeGraph.server();
    graph.reset();
    graph.latency(20);
    Map<String, String> settings = new HashMap<>(new TestSettings().start());
    settings.putAll(new FakeGraph().start());
    settings.putAll(redisSettings);
    settings.put("quarkus.log.category.\"dev.switchboard\".level", "INFO");
    for (int i = 0; i < REPLICAS; i++) {
      this.replicas.add(new ServiceProcess("replica-" + i, settings).start());
    }

    Map<Integer, String> sendJobs = new ConcurrentHashMap<>();
    Set<Integer> acceptedHooks = ConcurrentHashMap.newKeySet();
    // more send clients than the numbers' 80/s can serve, so the rate limiter is what holds them back
    ExecutorService clients = Executors.newFixedThreadPool(SEND_CLIENTS + WEBHOOK_CLIENTS);
    List<Future<?>> load = new ArrayList<>();
    for (int worker = 0; worker < SEND_CLIENTS; worker++) {
      int first = worker;
      load.add(clients.submit(() -> {
        for (int n = first; n < SENDS; n += SEND_CLIENTS) {
          sendJobs.put(n, send(n));
        }
        return null;
      }));
    }
    for (int worker = 0; worker < WEBHOOK_CLIENTS; worker++) {
      int first = worker;
      load.add(clients.submit(() -> {
        for (int n = first; n < WEBHOOKS; n += WEBHOOK_CLIENTS) {
          deliver(n);
          acceptedHooks.add(n);
        }
        return null;
      }));
    }

    // the faults, each once the load is a little further along
    awaitProgress(sendJobs, acceptedHooks, 0.2);
    ServiceProcess victim = this.replicas.get(this.replicas.size() - 1);
    victim.kill();
    this.replicas.remove(victim);

    awaitProgress(sendJobs, acceptedHooks, 0.4);
    int refusedBefore = this.refusals.get();
    this.redis.interrupt();
    if (this.redis.refusesClients()) {
      // down long enough that clients notice (a 503, which they retry), then back with its AOF
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> this.refusals.get() > refusedBefore + 5);
    }
    this.redis.resume();
    System.out.printf("reliability: %d refusals while Redis was interrupted%n", this.refusals.get() - refusedBefore);

    awaitProgress(sendJobs, acceptedHooks, 0.6);
    this.replicas.add(new ServiceProcess("replica-late", settings).start());

    awaitProgress(sendJobs, acceptedHooks, 0.75);
    checkNothingIsSentWhilePaused(graph, sendJobs);

    for (Future<?> f : load) {
      f.get();
    }
    clients.shutdown();

    // every accepted send ends sent, or dead with its reason
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
      for (Map.Entry<Integer, String> job : sendJobs.entrySet()) {
        JsonNode status = sendStatus(job.getKey(), job.getValue());
        if (!Set.of("sent", "delivered", "read", "dead", "failed").contains(status.path("status").asText())) {
          return false;
        }
      }
      return true;
    });
    int dead = 0;
    for (Map.Entry<Integer, String> job : sendJobs.entrySet()) {
      JsonNode status = sendStatus(job.getKey(), job.getValue());
      if (!Set.of("sent", "delivered", "read").contains(status.path("status").asText())) {
        dead++;
        assertThat(status.toString()).as("a send that did not go out says why").containsAnyOf("code", "error", "title");
      }
    }
    assertThat(dead).as("sends that did not go out").isZero();
    assertThat(sendJobs).hasSize(SENDS + PAUSED_SENDS);
    // ... and went out once: the Cloud API has no idempotency key, so a send whose Graph call was answered but not yet
    // recorded when its replica was killed, or when Redis went away, goes out again; at most the 5 + 5 the tenants
    // may have in flight at each of those two moments
    Map<String, Long> calls = graph.requests().stream().filter(r -> r.text() != null && r.text().matches("(reliability|while paused) \\d+"))
        .collect(Collectors.groupingBy(FakeGraph.Request::text, Collectors.counting()));
    long sentAgain = calls.values().stream().mapToLong(n -> n - 1).sum();
    assertThat(calls).as("messages that reached Graph").hasSize(SENDS + PAUSED_SENDS);
    assertThat(sentAgain).as("Graph calls for a message already sent").isLessThanOrEqualTo(20);

    // every accepted webhook message stored once, in its customer's conversation
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
        .until(() -> storedWamids().size() >= WEBHOOKS);
    Map<String, Integer> stored = storedWamids();
    assertThat(stored).hasSize(WEBHOOKS);
    assertThat(stored.values()).allMatch(count -> count == 1);

    System.out.printf("reliability: %d sends and %d webhooks accepted over %d replicas; %d refusals retried by clients;"
        + " %d sent again; busiest 1-s window %d/%d; most in flight %d/%d%n", sendJobs.size(), WEBHOOKS, REPLICAS, this.refusals.get(), sentAgain,
        graph.maxInAnyWindow(TestSettings.ACME_PHONE_NUMBER_ID, 1000), graph.maxInAnyWindow(TestSettings.GLOBEX_PHONE_NUMBER_ID, 1000),
        graph.maxInFlight(TestSettings.ACME_PHONE_NUMBER_ID), graph.maxInFlight(TestSettings.GLOBEX_PHONE_NUMBER_ID));

    // memory is bounded: once the queues are idle, retention has kept at most 1,000 finished jobs per queue and
    // nothing is left in the streams
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> {
      JsonNode metrics = admin("GET", "/api/queue/metrics");
      for (String queue : List.of("whatsapp-send", "whatsapp:webhook", "whatsapp:message-status")) {
        JsonNode q = metrics.path(queue);
        if (q.path("waiting").asLong() + q.path("active").asLong() + q.path("delayed").asLong() + q.path("failed").asLong() > 0) {
          return false;
        }
      }
      return true;
    });
    for (String queue : List.of("whatsapp-send", "whatsapp:webhook", "whatsapp:message-status")) {
      String base = "sb:{" + queue + "}:";
      assertThat(this.redis.countKeys(base + "job:*")).as("job records of %s", queue).isLessThanOrEqualTo(1000);
      long entries = 0;
      for (int band = 0; band <= 10; band++) {
        entries += this.redis.streamLength(base + "s:" + band);
      }
      assertThat(entries).as("stream entries left in %s", queue).isZero();
    }

    // the Cloud API's limits held across replicas, crashes and the restart
    for (String number : List.of(TestSettings.ACME_PHONE_NUMBER_ID, TestSettings.GLOBEX_PHONE_NUMBER_ID)) {
      assertThat(graph.maxInAnyWindow(number, 1000)).as("sends of %s in any 1-s window", number).isLessThanOrEqualTo(80);
      assertThat(graph.maxInFlight(number)).as("sends of %s in flight at once", number).isLessThanOrEqualTo(5);
    }
  }

  /**
   * Pauses whatsapp-send through the admin API, then sends a few messages: they are accepted and wait, and for
   * two seconds (while the jobs taken before the pause finish) none of them reaches Graph; after the resume they go.
   * Jobs a killed replica held stay active until reclaimed, so "no job active" is no sign of a quiet queue here.
   */
  private void checkNothingIsSentWhilePaused(FakeGraph graph, Map<Integer, String> sendJobs) throws Exception {
    admin("POST", "/admin/queue/pause/whatsapp-send");
    try {
      for (int n = SENDS; n < SENDS + PAUSED_SENDS; n++) {
        sendJobs.put(n, send(n));
      }
      assertThat(admin("GET", "/api/queue/metrics").path("whatsapp-send").path("paused").asBoolean()).isTrue();
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
          .until(() -> graph.requestsWithTextStarting(PAUSED_TEXT).isEmpty());
    } finally {
      admin("POST", "/admin/queue/resume/whatsapp-send");
    }
  }

  private String send(int n) throws Exception {
    boolean acme = n % 2 == 0;
    String token = acme ? TestSettings.ACME_API_TOKEN : TestSettings.GLOBEX_API_TOKEN;
    String text = (n >= SENDS ? PAUSED_TEXT : "reliability ") + n;
    String body = "{\"phoneNumber\":\"+1555200" + String.format("%04d", n % 500) + "\",\"text\":\"" + text + "\"}";
    while (true) {
      HttpResponse<String> response = call(replica -> HttpRequest.newBuilder(URI.create(replica.baseUrl() + "/api/whatsapp/send"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .header("Idempotency-Key", "reliability-" + n).timeout(Duration.ofSeconds(10))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build());
      if (response != null && (response.statusCode() == 202 || response.statusCode() == 200)) {
        return JSON.readTree(response.body()).path("jobId").asText();
      }
      if (response != null && response.statusCode() < 500 && response.statusCode() != 429) {
        throw new AssertionError("send " + n + " refused: " + response.statusCode() + " " + response.body());
      }
      this.refusals.incrementAndGet();
      backOff();
    }
  }

  private void deliver(int n) throws Exception {
    byte[] body = Deliveries.text(TestSettings.ACME_PHONE_NUMBER_ID, customer(n), wamid(n), "hello " + n, 1_700_000_000L + n);
    String signature = Deliveries.sign(body);
    while (true) {
      HttpResponse<String> response = call(replica -> HttpRequest.newBuilder(URI.create(replica.baseUrl() + Deliveries.PATH))
          .header(Deliveries.SIGNATURE_HEADER, signature).header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
      if (response != null && response.statusCode() == 200) {
        return;
      }
      if (response != null && response.statusCode() < 500) {
        throw new AssertionError("delivery " + n + " refused: " + response.statusCode() + " " + response.body());
      }
      this.refusals.incrementAndGet();
      backOff(); // as Meta does: the same delivery again, later
    }
  }

  private JsonNode sendStatus(int n, String jobId) throws Exception {
    String token = n % 2 == 0 ? TestSettings.ACME_API_TOKEN : TestSettings.GLOBEX_API_TOKEN;
    HttpResponse<String> response = call(replica -> HttpRequest.newBuilder(URI.create(replica.baseUrl() + "/api/whatsapp/messages/" + jobId))
        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build());
    return response == null || response.statusCode() != 200 ? JSON.createObjectNode() : JSON.readTree(response.body());
  }

  /** wamid → how many times it is stored, over every customer's conversation. */
  private Map<String, Integer> storedWamids() throws Exception {
    Map<String, Integer> stored = new HashMap<>();
    for (int c = 0; c < CUSTOMERS; c++) {
      String phone = customer(c);
      HttpResponse<String> response = call(replica -> HttpRequest.newBuilder(URI.create(replica.baseUrl() + "/api/conversations/" + phone
          + "/messages?limit=100")).header("Authorization", "Bearer " + TestSettings.ACME_API_TOKEN).timeout(Duration.ofSeconds(10)).GET().build());
      if (response == null || response.statusCode() != 200) {
        continue;
      }
      for (JsonNode message : JSON.readTree(response.body()).path("messages")) {
        stored.merge(message.path("wamid").asText(), 1, Integer::sum);
      }
    }
    stored.keySet().removeIf(wamid -> !wamid.startsWith("wamid.reliability-"));
    return stored;
  }

  private static long countKeys(RespConnection raw, String pattern) throws IOException {
    long count = 0;
    String cursor = "0";
    do {
      List<?> page = (List<?>) raw.call("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
      cursor = page.get(0).toString();
      count += ((List<?>) page.get(1)).size();
    } while (!cursor.equals("0"));
    return count;
  }

  private JsonNode admin(String method, String path) throws Exception {
    HttpResponse<String> response = call(replica -> HttpRequest.newBuilder(URI.create(replica.baseUrl() + path))
        .header("Authorization", "Bearer " + TestSettings.ADMIN_TOKEN).timeout(Duration.ofSeconds(10))
        .method(method, HttpRequest.BodyPublishers.noBody()).build());
    assertThat(response).as("admin call %s %s", method, path).isNotNull();
    assertThat(response.statusCode()).as("admin call %s %s: %s", method, path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** One call through a "load balancer": the next live replica, the one after when it refuses the connection. */
  private HttpResponse<String> call(Function<ServiceProcess, HttpRequest> request) throws InterruptedException {
    for (int tries = 0; tries < 2 * Math.max(1, this.replicas.size()); tries++) {
      List<ServiceProcess> live = this.replicas;
      if (live.isEmpty()) {
        return null;
      }
      ServiceProcess replica = live.get(Math.floorMod(this.roundRobin.getAndIncrement(), live.size()));
      try {
        return HTTP.send(request.apply(replica), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        // connection refused or reset: that replica is gone, try another
      }
    }
    return null;
  }

  private void awaitProgress(Map<Integer, String> sends, Set<Integer> hooks, double fraction) {
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
        .until(() -> sends.size() >= SENDS * fraction && hooks.size() >= WEBHOOKS * fraction);
  }

  private static void backOff() throws InterruptedException {
    Thread.sleep(100); // a client's retry delay, part of the load's behaviour
  }

  private static String customer(int n) {
    return "1555300" + String.format("%04d", n % CUSTOMERS);
  }

  private static String wamid(int n) {
    return "wamid.reliability-" + n;
  }
}
