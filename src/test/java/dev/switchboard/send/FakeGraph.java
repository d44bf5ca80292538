package dev.switchboard.send;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * A fake WhatsApp Cloud API on loopback for tests and the benchmark: answers {@code POST /<version>/<number>/messages}
 * with a wamid after a configurable latency, records every request (number, recipient, text, arrival and answer
 * time), tracks requests in flight per number, and answers scripted errors for chosen messages. As a test resource it
 * points {@code switchboard.graph.base-url} at itself and adds the test tenants the send tests use.
 */
public class FakeGraph implements QuarkusTestResourceLifecycleManager {

  /** Ten tenants with their own numbers, for the fairness test: fair-0 … fair-9. */
  public static final int FAIR_TENANTS = 10;
  /** A tenant with a send API limit of 3 requests per second. */
  public static final String THROTTLED = "throttled";
  public static final String THROTTLED_API_TOKEN = "throttled-api-token";
  /** A tenant whose access token Graph refuses (190). */
  public static final String REVOKED = "revoked";
  public static final String REVOKED_API_TOKEN = "revoked-api-token";
  public static final String REVOKED_ACCESS_TOKEN = "revoked-graph-token";

  private static FakeGraph server;

  private final Vertx vertx = Vertx.vertx();
  private HttpServer http;
  private final Object lock = new Object();
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, Integer> inFlight = new HashMap<>();
  private final Map<String, Integer> maxInFlight = new HashMap<>();
  private final List<Script> scripts = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile long latencyMillis;

  /** One request as the fake received it; times are System.nanoTime() of this JVM. */
  public record Request(String phoneNumberId, String to, String text, String templateName, String authorization, long arrivedNanos,
      int status, String wamid) {
  }

  /** A scripted answer: HTTP status, error code (0 = success) and optional Retry-After seconds. */
  public record Answer(int status, int code, String retryAfter) {
    public static Answer error(int code) {
      return new Answer(400, code, null);
    }
  }

  public static synchronized FakeGraph server() {
    if (server == null) {
      server = new FakeGraph();
      server.listen();
    }
    return server;
  }

  @Override
  public Map<String, String> start() {
    FakeGraph graph = server();
    Map<String, String> config = new HashMap<>();
    config.put("switchboard.graph.base-url", graph.baseUrl());
    for (int i = 0; i < FAIR_TENANTS; i++) {
      config.put("switchboard.tenants.fair-" + i + ".phone-number-id", fairNumber(i));
      config.put("switchboard.tenants.fair-" + i + ".api-token", "fair-" + i + "-api-token");
      config.put("switchboard.tenants.fair-" + i + ".access-token", "fair-" + i + "-graph-token");
    }
    config.put("switchboard.tenants." + THROTTLED + ".phone-number-id", "990000000000001");
    config.put("switchboard.tenants." + THROTTLED + ".api-token", THROTTLED_API_TOKEN);
    config.put("switchboard.tenants." + THROTTLED + ".access-token", "throttled-graph-token");
    config.put("switchboard.tenants." + THROTTLED + ".api-rate-limit", "3");
    config.put("switchboard.tenants." + REVOKED + ".phone-number-id", "990000000000002");
    config.put("switchboard.tenants." + REVOKED + ".api-token", REVOKED_API_TOKEN);
    config.put("switchboard.tenants." + REVOKED + ".access-token", REVOKED_ACCESS_TOKEN);
    return config;
  }

  @Override
  public void stop() {
    // kept for the whole run: every Quarkus start of this JVM points at the same server
  }

  public static String fairNumber(int i) {
    return "99100000000000" + i;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + this.http.actualPort();
  }

  private void listen() {
    CompletableFuture<HttpServer> started = new CompletableFuture<>();
    this.vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").onComplete(result -> {
      if (result.succeeded()) {
        started.complete(result.result());
      } else {
        started.completeExceptionally(result.cause());
      }
    });
    this.http = started.join();
  }

  private void handle(HttpServerRequest request) {
    long arrived = System.nanoTime();
    String[] path = request.path().split("/"); // "", version, number, "messages"
    if (request.method() != io.vertx.core.http.HttpMethod.POST || path.length != 4 || !"messages".equals(path[3])) {
      request.response().setStatusCode(404).end();
      return;
    }
    String number = path[2];
    synchronized (this.lock) {
      int now = this.inFlight.merge(number, 1, Integer::sum);
      this.maxInFlight.merge(number, now, Math::max);
    }
    request.body().onSuccess(buffer -> {
      JsonObject body = buffer.toJsonObject();
      String text = body.getJsonObject("text") == null ? null : body.getJsonObject("text").getString("body");
      String template = body.getJsonObject("template") == null ? null : body.getJsonObject("template").getString("name");
      Answer answer = scriptedAnswer(text == null ? template : text);
      long latency = this.latencyMillis;
      Runnable reply = () -> answer(request, number, body.getString("to"), text, template, arrived, answer);
      if (latency > 0) {
        this.vertx.setTimer(latency, ignored -> reply.run());
      } else {
        reply.run();
      }
    });
  }

  private void answer(HttpServerRequest request, String number, String to, String text, String template, long arrived, Answer answer) {
    String wamid = null;
    JsonObject response;
    if (answer == null || answer.code() == 0 && answer.status() < 300) {
      wamid = "wamid.FAKE" + this.ids.incrementAndGet();
      response = new JsonObject().put("messaging_product", "whatsapp")
          .put("contacts", List.of(new JsonObject().put("input", to).put("wa_id", to == null ? "" : to.replace("+", ""))))
          .put("messages", List.of(new JsonObject().put("id", wamid)));
    } else {
      response = new JsonObject().put("error", new JsonObject().put("message", "(#" + answer.code() + ") scripted error for " + to)
          .put("type", "OAuthException").put("code", answer.code()).put("error_subcode", 2494055)
          .put("error_data", new JsonObject().put("messaging_product", "whatsapp").put("details", "scripted by the test"))
          .put("fbtrace_id", "AfakeTrace"));
    }
    String authorization = request.getHeader("Authorization");
    int status = answer == null ? 200 : answer.status();
    synchronized (this.lock) {
      this.requests.add(new Request(number, to, text, template, authorization, arrived, status, wamid));
      this.inFlight.merge(number, -1, Integer::sum);
    }
    var reply = request.response().setStatusCode(status).putHeader("Content-Type", "application/json");
    if (answer != null && answer.retryAfter() != null) {
      reply.putHeader("Retry-After", answer.retryAfter());
    }
    reply.end(response.encode());
  }

  /** Answers for matching messages: the queued ones in order, then {@code always} (null: success). */
  private record Script(Predicate<String> matches, Deque<Answer> next, Answer always) {
  }

  private Answer scriptedAnswer(String text) {
    synchronized (this.lock) {
      for (Script script : this.scripts) {
        if (text != null && script.matches().test(text) && (!script.next().isEmpty() || script.always() != null)) {
          return script.next().isEmpty() ? script.always() : script.next().poll();
        }
      }
    }
    return null;
  }

  /** The next requests whose text (or template name) is {@code text} get these answers, in order; later ones succeed. */
  public void script(String text, Answer... answers) {
    synchronized (this.lock) {
      this.scripts.add(new Script(text::equals, new ArrayDeque<>(List.of(answers)), null));
    }
  }

  /** Every request whose text (or template name) starts with {@code prefix} gets this answer. */
  public void scriptAlways(String prefix, Answer answer) {
    synchronized (this.lock) {
      this.scripts.add(new Script(text -> text.startsWith(prefix), new ArrayDeque<>(), answer));
    }
  }

  public void latency(long millis) {
    this.latencyMillis = millis;
  }

  /** Forgets requests, scripts and in-flight maxima, and answers at once again. */
  public void reset() {
    synchronized (this.lock) {
      this.requests.clear();
      this.scripts.clear();
      this.maxInFlight.clear();
    }
    this.latencyMillis = 0;
  }

  public List<Request> requests() {
    synchronized (this.lock) {
      return List.copyOf(this.requests);
    }
  }

  public List<Request> requestsWithTextStarting(String prefix) {
    return requests().stream().filter(r -> r.text() != null && r.text().startsWith(prefix)).toList();
  }

  public int maxInFlight(String phoneNumberId) {
    synchronized (this.lock) {
      return this.maxInFlight.getOrDefault(phoneNumberId, 0);
    }
  }

  /** The most requests of one number that arrived within any half-open window {@code [t, t + window)}. */
  public int maxInAnyWindow(String phoneNumberId, long windowMillis) {
    long[] times = requests().stream().filter(r -> r.phoneNumberId().equals(phoneNumberId)).mapToLong(Request::arrivedNanos).sorted().toArray();
    long window = TimeUnit.MILLISECONDS.toNanos(windowMillis);
    int max = 0;
    int start = 0;
    for (int end = 0; end < times.length; end++) {
      while (times[end] - times[start] >= window) {
        start++;
      }
      max = Math.max(max, end - start + 1);
    }
    return max;
  }
}
