package dev.switchboard.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.devmode.LocalRedisServer;
import dev.switchboard.queue.QueueScripts;
import dev.switchboard.redis.LuaScript;
import dev.switchboard.send.FakeGraph;
import dev.switchboard.testing.FreezingProxy;
import dev.switchboard.testing.FreezingProxy.Direction;
import dev.switchboard.testing.RespConnection;
import dev.switchboard.testing.ServiceProcess;
import dev.switchboard.testing.TestSettings;
import io.vertx.core.json.JsonObject;

/**
 * Replicas killed with SIGKILL while a reminder is due, at each step of sending it: after taking the job, after
 * claiming the reminder, after queuing its message, after marking it sent. Each doomed replica talks to Redis through
 * a {@link FreezingProxy} that stops all its traffic right after that step, and is then killed; a second replica
 * reclaims the jobs. Every reminder must reach the (fake) Graph API exactly once. The send queue stays paused until
 * the doomed replicas are gone, so none of them is killed in the middle of a Graph API call, the one place where the
 * Cloud API's lack of an idempotency key allows a duplicate.
 */
class ReminderCrashIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final String SEND_PAUSED = "sb:{whatsapp-send}:paused";

  private final List<ServiceProcess> processes = new ArrayList<>();
  private final List<FreezingProxy> proxies = new ArrayList<>();
  private LocalRedisServer redis;

  /** A step of the reminder processor and the traffic that marks its end, for one booking. */
  private record CrashPoint(String name, Direction direction, List<String> strings) {
  }

  @AfterEach
  void stopEverything() throws Exception {
    this.processes.forEach(ServiceProcess::kill);
    for (FreezingProxy proxy : this.proxies) {
      proxy.close();
    }
    if (this.redis != null) {
      this.redis.stop();
    }
  }

  @Test
  void shouldSendEachReminderExactlyOnceWhateverStepItsReplicaDiedAt() throws Exception {
    this.redis = LocalRedisServer.onFreePort(List.of("--appendonly", "yes"));
    this.redis.start();
    FakeGraph graph = FakeGraph.server();
    graph.reset();
    Map<String, String> settings = new HashMap<>(new TestSettings().start());
    settings.putAll(new FakeGraph().start());
    // doomed replicas never reclaim each other's jobs; the survivor (below) takes them over after 2 s
    settings.put("mp.messaging.incoming.booking-reminder.visibility-timeout", "60s");
    try (RespConnection raw = new RespConnection(this.redis.port())) {
      raw.call("SET", SEND_PAUSED, "1");
      // loaded up front, so that the first call of each script is the EVALSHA a trigger matches, not a NOSCRIPT
      for (LuaScript script : List.of(QueueScripts.ENQUEUE, QueueScripts.FETCH, LuaScript.fromResources("booking/lua/transition.lua"))) {
        raw.call("SCRIPT", "LOAD", script.source());
      }
    }

    Map<String, String> bookings = new HashMap<>(); // booking id -> customer phone
    for (String step : List.of("taken", "claimed", "queued", "marked-sent")) {
      String bookingId = ReminderClient.bookingId();
      String job = TestSettings.ACME + ":" + bookingId + ":custom:";
      CrashPoint point = switch (step) {
        case "taken" -> new CrashPoint(step, Direction.FROM_REDIS, List.of("$4\r\njobs\r\n", job));
        case "claimed" -> new CrashPoint(step, Direction.TO_REDIS, List.of("reminder:" + job));
        case "queued" -> new CrashPoint(step, Direction.TO_REDIS, List.of("{whatsapp-send}:job:reminder:" + job));
        default -> new CrashPoint(step, Direction.TO_REDIS, List.of("$7\r\nsending\r\n$4\r\nsent\r\n$6\r\nsentAt\r\n"));
      };
      FreezingProxy proxy = new FreezingProxy(this.redis.port());
      this.proxies.add(proxy);
      Map<String, String> doomedSettings = new HashMap<>(settings);
      doomedSettings.put("quarkus.redis.hosts", proxy.url());
      ServiceProcess doomed = new ServiceProcess("reminder-doomed-" + step, doomedSettings).start();
      this.processes.add(doomed);

      proxy.freezeWhen(point.direction(), point.strings().toArray(String[]::new));
      JsonObject body = ReminderClient.custom(Instant.now().plusMillis(1500)).put("bookingId", bookingId);
      assertThat(post(doomed, body).statusCode()).isEqualTo(202);
      bookings.put(bookingId, body.getString("customerPhone"));
      assertThat(proxy.awaitFrozen(Duration.ofSeconds(20))).as("replica frozen after the reminder was %s", step).isTrue();
      doomed.kill();
      assertThat(left(bookingId)).as("what the replica killed after %s left behind", step).isEqualTo(switch (step) {
        case "taken" -> "pending";
        case "claimed" -> "sending, no send job";
        case "queued" -> "sending, send job waiting";
        default -> "sent, send job waiting";
      });
    }

    settings.put("quarkus.redis.hosts", this.redis.url());
    settings.put("mp.messaging.incoming.booking-reminder.visibility-timeout", "2s");
    ServiceProcess survivor = new ServiceProcess("reminder-survivor", settings).start();
    this.processes.add(survivor);
    try (RespConnection raw = new RespConnection(this.redis.port())) {
      raw.call("DEL", SEND_PAUSED);
    }

    // done when every reminder job was completed by the survivor and every message it queued went out: nothing is
    // left that could still send
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      for (String bookingId : bookings.keySet()) {
        JsonObject reminder = reminder(survivor, bookingId);
        if (!"sent".equals(reminder.getString("state")) || !"sent".equals(reminder.getString("messageStatus"))
            || !"completed".equals(job(survivor, "booking:reminder", reminder.getString("jobId")).getString("state"))) {
          return false;
        }
      }
      return true;
    });
    for (Map.Entry<String, String> booking : bookings.entrySet()) {
      JsonObject reminder = reminder(survivor, booking.getKey());
      assertThat(job(survivor, "booking:reminder", reminder.getString("jobId")).getInteger("attempts"))
          .as("reminder job of %s taken over from its dead replica", booking.getKey()).isEqualTo(2);
      assertThat(graph.requests().stream().filter(r -> booking.getValue().equals(r.to())).count())
          .as("messages for booking %s", booking.getKey()).isEqualTo(1);
    }
  }

  private String left(String bookingId) throws Exception {
    try (RespConnection raw = new RespConnection(this.redis.port())) {
      String key = "sb:reminder:{" + TestSettings.ACME + ":" + bookingId + "}:custom";
      Object state = raw.call("HGET", key, "state");
      Object sendJob = raw.call("HGET", key, "sendJobId");
      if (sendJob == null) {
        return state.toString();
      }
      Object sendState = raw.call("HGET", "sb:{whatsapp-send}:job:" + sendJob, "state");
      return state + ", " + (sendState == null ? "no send job" : "send job " + sendState);
    }
  }

  private static HttpResponse<String> post(ServiceProcess service, JsonObject body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + ReminderClient.PATH))
        .header("Authorization", "Bearer " + TestSettings.ACME_API_TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject reminder(ServiceProcess service, String bookingId) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + ReminderClient.PATH + "/" + bookingId))
        .header("Authorization", "Bearer " + TestSettings.ACME_API_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
    return new JsonObject(response.body()).getJsonArray("reminders").getJsonObject(0);
  }

  private static JsonObject job(ServiceProcess service, String queue, String id) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/admin/queue/jobs/" + queue + "/" + id))
        .header("Authorization", "Bearer " + TestSettings.ADMIN_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? new JsonObject(response.body()) : new JsonObject();
  }
}
