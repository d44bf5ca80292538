package dev.switchboard.webhook;

import static dev.switchboard.webhook.Deliveries.fixture;
import static dev.switchboard.webhook.Deliveries.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.switchboard.conversation.ConversationStore;
import dev.switchboard.message.MessageStatus;
import dev.switchboard.message.MessageStatusStore;
import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.JobState;
import dev.switchboard.redis.RedisClients;
import dev.switchboard.testing.TestSettings;
import dev.switchboard.webhook.processing.StatusJob;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

/**
 * Deliveries through intake and the processors, against the real Redis: what each fixture leaves in the
 * conversations and the status store, redeliveries, out-of-order statuses, unknown tenants. Waits on job states,
 * never on the clock.
 */
@QuarkusTest
class WebhookProcessingTest {

  static final String ALICE = "15550142876";
  static final String BRUNO = "447700900461";
  static final String CHLOE = "5511900000417";

  @Inject
  JobQueue jobs;

  @Inject
  MessageStatusStore statuses;

  @Inject
  ConversationStore conversations;

  @Inject
  MeterRegistry registry;

  @Inject
  @RedisClientName(RedisClients.CACHE)
  ReactiveRedisDataSource cache;

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldStoreEveryMessageFixtureInItsCustomersConversation() {
    for (String file : Deliveries.ACCEPTED_FIXTURES) {
      deliver(fixture(file));
    }
    one(TestSettings.ACME_API_TOKEN, ALICE, "wamid.HBgLFQIAEhgU3f4WM0XTOBk6wr3Bg/jp3AA=")
        .body("type", equalTo("text")).body("text", equalTo("Hi, is order 58213 ready for pickup tomorrow?"))
        .body("profileName", equalTo("Alice Marchetti")).body("sentAt", equalTo("2026-01-01T12:00:00Z"));
    one(TestSettings.ACME_API_TOKEN, BRUNO, "wamid.HBgLFQIAEhgUvKydHY6rNxOuSJIk0BMMlAA=")
        .body("type", equalTo("image")).body("details.mediaId", equalTo("2045879361120548")).body("details.mimeType", equalTo("image/jpeg"));
    one(TestSettings.ACME_API_TOKEN, ALICE, "wamid.HBgLFQIAEhgUPqbJHiQfJW5eOojr1kc3IAA=")
        .body("type", equalTo("interactive")).body("details.replyId", equalTo("reschedule_delivery")).body("text", equalTo("Reschedule"));
    one(TestSettings.ACME_API_TOKEN, CHLOE, "wamid.HBgLFQIAEhgUeY+GHudPb/g8y8nFO0GZQQA=")
        .body("details.replyType", equalTo("list_reply")).body("text", equalTo("Sat 3 Jan, morning"));
    one(TestSettings.ACME_API_TOKEN, BRUNO, "wamid.HBgLFQIAEhgUKKXCgYWQ7jxNXZOkSBkPMwA=")
        .body("type", equalTo("location")).body("details.name", equalTo("Harbour Row Depot"));
    one(TestSettings.ACME_API_TOKEN, ALICE, "wamid.HBgLFQIAEhgUcxaz1f75s1YtMvfDnxVKOwA=")
        .body("type", equalTo("reaction")).body("details.emoji", equalTo("\ud83d\udc4d"));
    one(TestSettings.ACME_API_TOKEN, "4915550003921", "wamid.HBgLFQIAEhgUOfGTz9fQlVzIIfMHSoK31AA=")
        .body("type", equalTo("unsupported")).body("details.unsupportedType", equalTo("poll_creation"))
        .body("errors[0].code", equalTo(131051));
    // 12: two entries, three changes, four messages (one for globex) and two statuses
    one(TestSettings.ACME_API_TOKEN, ALICE, "wamid.HBgLFQIAEhgU7tP1FwZbtl4F8GPYivF0kwA=").body("text", equalTo("Also, can I add a second box?"));
    one(TestSettings.ACME_API_TOKEN, ALICE, "wamid.HBgLFQIAEhgUA2V6gnWRSPHbEZalFKLPLAA=").body("type", equalTo("audio"))
        .body("details.voice", equalTo(true));
    one(TestSettings.ACME_API_TOKEN, CHLOE, "wamid.HBgLFQIAEhgUBok+yVIbq9B/74oLDevaagA=").body("text", equalTo("Thanks, received."));
    one(TestSettings.GLOBEX_API_TOKEN, BRUNO, "wamid.HBgLFQIAEhgUfcSs9bvDYMYtWIwAzBlGNQA=").body("type", equalTo("document"))
        .body("details.filename", equalTo("delivery-note-58213.pdf"));
    for (String[] status : new String[][] { { "wamid.HBgLFQIAEhgUrU16d4a5vYxE2N/p1kCOSAA=", "sent" },
        { "wamid.HBgLFQIAEhgUrU16d4a5vYxE2N/p1kCOSAA=", "delivered" }, { "wamid.HBgLFQIAEhgUrU16d4a5vYxE2N/p1kCOSAA=", "read" },
        { "wamid.HBgLFQIAEhgUcUy2QdjeoFpqGeNdtltHLQA=", "failed" }, { "wamid.HBgLFQIAEhgUOoMd0KTCatHHY0pir2Vg4wA=", "delivered" },
        { "wamid.HBgLFQIAEhgUCgsvIHu4zTKlLaC9DekJfgA=", "read" } }) {
      awaitCompleted(StatusJob.QUEUE, StatusJob.jobId(status[0], status[1]));
    }
    // the tenant scope: acme does not see the customer's conversation with globex
    given().header("Authorization", "Bearer " + TestSettings.ACME_API_TOKEN).when().get("/api/conversations/{p}/messages?limit=100", BRUNO)
        .then().statusCode(200).body("messages.findAll { it.wamid == 'wamid.HBgLFQIAEhgUfcSs9bvDYMYtWIwAzBlGNQA=' }", hasSize(0));
  }

  @Test
  void shouldQueueTheRawBytesAndKeepUnicodeAndEscapes() {
    byte[] body = fixture("13_unicode_emoji_escaped.json");
    String jobId = deliver(body);
    Job job = this.jobs.find(WebhookIntake.QUEUE, jobId).await().indefinitely().orElseThrow();
    assertThat(job.data().getBytes(StandardCharsets.UTF_8)).isEqualTo(body);
    String expected = "Ol\u00e1! \u00c7a va? Gr\u00fc\u00dfe aus M\u00fcnchen \ud83d\udc4b\ud83c\udffd \u2014 \u0645\u0631\u062d\u0628\u0627 "
        + "\u0628\u0643\u0645 \u00b7 \u4f60\u597d\uff0c\u4e16\u754c \u00b7 \u0928\u092e\u0938\u094d\u0924\u0947\nEmail: zo\u00eb@example.com, "
        + "path C:\\temp\\a.txt, quote \"ok\", tab\tend, <b>not html</b> 100% \u2705 \ud83c\udde7\ud83c\uddf7 "
        + "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67";
    one(TestSettings.ACME_API_TOKEN, CHLOE, "wamid.HBgLFQIAEhgUvTB6PsMp4Qos/4+4dICCPQA=")
        .body("text", equalTo(expected)).body("profileName", equalTo("Jos\u00e9 \u00d1\u00fa\u00f1ez \ud83c\udf35"));
  }

  @Test
  void shouldStoreARedeliveredMessageOnce() {
    String phone = Deliveries.newPhone();
    String wamid = Deliveries.unique("wamid.redelivered.");
    byte[] body = Deliveries.text(TestSettings.ACME_PHONE_NUMBER_ID, phone, wamid, "Table for two at 8?", 1767290000);
    double duplicatesBefore = counter("switchboard.webhook.duplicates");
    for (int i = 0; i < 3; i++) {
      deliver(body);
    }
    messages(TestSettings.ACME_API_TOKEN, phone).body("messages", hasSize(1)).body("messages[0].wamid", equalTo(wamid));
    state(TestSettings.ACME_API_TOKEN, phone).statusCode(200).body("unread", equalTo(1)).body("messages", equalTo(1))
        .body("lastMessagePreview", equalTo("Table for two at 8?")).body("lastMessageType", equalTo("text"))
        .body("lastInboundAt", equalTo("2026-01-01T17:53:20Z"));
    assertThat(counter("switchboard.webhook.duplicates") - duplicatesBefore).isEqualTo(2.0);
    // the fixture itself, however often the suite has sent it: one entry
    for (int i = 0; i < 3; i++) {
      deliver(fixture("01_text_message.json"));
    }
    one(TestSettings.ACME_API_TOKEN, ALICE, "wamid.HBgLFQIAEhgU3f4WM0XTOBk6wr3Bg/jp3AA=");
  }

  @Test
  void shouldKeepTheLatestMessageAsLastWhenAnOlderOneArrivesLate() {
    String phone = Deliveries.newPhone();
    deliver(Deliveries.text(TestSettings.ACME_PHONE_NUMBER_ID, phone, Deliveries.unique("wamid.b."), "second", 1767290100));
    deliver(Deliveries.text(TestSettings.ACME_PHONE_NUMBER_ID, phone, Deliveries.unique("wamid.a."), "first", 1767290000));
    state(TestSettings.ACME_API_TOKEN, "+" + phone).statusCode(200).body("lastMessagePreview", equalTo("second")).body("unread", equalTo(2));
  }

  @Test
  void shouldEndAtReadWhenStatusesArriveAsReadDeliveredSent() {
    String wamid = Deliveries.unique("wamid.order.");
    String sendJob = Deliveries.unique("send-");
    this.statuses.created(sendJob, TestSettings.ACME, "+15550142876").await().indefinitely();
    this.statuses.sent(sendJob, wamid, Instant.ofEpochSecond(1767273000)).await().indefinitely();

    deliverStatus(wamid, "read", 1767273960);
    deliverStatus(wamid, "delivered", 1767273004);
    deliverStatus(wamid, "sent", 1767273000);

    MessageStatus status = this.statuses.find(sendJob).await().indefinitely().orElseThrow();
    assertThat(status.status()).isEqualTo("read");
    assertThat(status.readAt()).isEqualTo(Instant.ofEpochSecond(1767273960));
    assertThat(status.deliveredAt()).isNull();
  }

  @Test
  void shouldApplyStatusesThatArriveBeforeTheSendIsLinked() {
    String wamid = Deliveries.unique("wamid.early.");
    deliverStatus(wamid, "read", 1767273960);
    deliverStatus(wamid, "delivered", 1767273004);
    String sendJob = Deliveries.unique("send-");
    this.statuses.created(sendJob, TestSettings.ACME, "+15550142876").await().indefinitely();
    this.statuses.sent(sendJob, wamid, Instant.ofEpochSecond(1767273000)).await().indefinitely();
    assertThat(this.statuses.find(sendJob).await().indefinitely().orElseThrow().status()).isEqualTo("read");
  }

  @Test
  void shouldRecordAFailedStatusWithItsError() {
    String wamid = "wamid.HBgLFQIAEhgUcUy2QdjeoFpqGeNdtltHLQA=";
    String sendJob = Deliveries.unique("send-");
    this.statuses.created(sendJob, TestSettings.ACME, "+4915550003921").await().indefinitely();
    this.statuses.sent(sendJob, wamid, Instant.ofEpochSecond(1767274100)).await().indefinitely();
    deliver(fixture("11_status_failed_errors.json"));
    awaitCompleted(StatusJob.QUEUE, StatusJob.jobId(wamid, "failed"));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      MessageStatus status = this.statuses.find(sendJob).await().indefinitely().orElseThrow();
      assertThat(status.status()).isEqualTo("failed");
      assertThat(status.errorCode()).isEqualTo("131026");
      assertThat(status.errorTitle()).isEqualTo("Message undeliverable");
    });
  }

  @Test
  void shouldProcessAnUnknownPhoneNumberIdUnderTheUnknownTenant() {
    String phone = Deliveries.newPhone();
    double before = counter("switchboard.webhook.unknown.tenant");
    deliver(Deliveries.text("999000111222333", phone, Deliveries.unique("wamid.stranger."), "hello?", 1767290000));
    assertThat(this.conversations.state("unknown", phone).await().indefinitely()).hasValueSatisfying(state -> {
      assertThat(state.unread()).isEqualTo(1);
      assertThat(state.lastMessagePreview()).isEqualTo("hello?");
    });
    assertThat(counter("switchboard.webhook.unknown.tenant") - before).isEqualTo(1.0);
  }

  @Test
  void shouldSkipUnusableItemsAndProcessTheRest() {
    String phone = Deliveries.newPhone();
    String good = Deliveries.unique("wamid.good.");
    String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":["
        + "{\"value\":{\"event\":\"APPROVED\",\"message_template_id\":1},\"field\":\"message_template_status_update\"},"
        + "{\"value\":{\"metadata\":{\"phone_number_id\":\"" + TestSettings.ACME_PHONE_NUMBER_ID + "\"},\"messages\":["
        + "{\"id\":\"wamid.nosender\",\"type\":\"text\",\"text\":{\"body\":\"?\"}},"
        + "{\"from\":\"" + phone + "\",\"id\":\"" + good + "\",\"timestamp\":\"1767290000\",\"type\":\"hologram\",\"hologram\":{}}]},"
        + "\"field\":\"messages\"}]}]}";
    double skippedBefore = counter("switchboard.webhook.items.skipped", "reason", "no_sender")
        + counter("switchboard.webhook.items.skipped", "reason", "other_field");
    deliver(body.getBytes(StandardCharsets.UTF_8));
    messages(TestSettings.ACME_API_TOKEN, phone).body("messages", hasSize(1)).body("messages[0].type", equalTo("unknown"))
        .body("messages[0].details.declaredType", equalTo("hologram"));
    assertThat(counter("switchboard.webhook.items.skipped", "reason", "no_sender")
        + counter("switchboard.webhook.items.skipped", "reason", "other_field") - skippedBefore).isEqualTo(2.0);
  }

  @Test
  void shouldDropTheCachedConversationWhenAMessageArrives() {
    String phone = Deliveries.newPhone();
    deliver(Deliveries.text(TestSettings.ACME_PHONE_NUMBER_ID, phone, Deliveries.unique("wamid.cache."), "first", 1767290000));
    state(TestSettings.ACME_API_TOKEN, phone).statusCode(200).header("X-Cache-Status", "MISS").body("lastMessagePreview", equalTo("first"));
    state(TestSettings.ACME_API_TOKEN, phone).statusCode(200).header("X-Cache-Status", "HIT").body("unread", equalTo(1));
    String cached = this.cache.value(String.class).get("sb:cache:conversation:acme:" + phone).await().indefinitely();
    assertThat(cached).contains("\"lastMessagePreview\":\"first\"");

    deliver(Deliveries.text(TestSettings.ACME_PHONE_NUMBER_ID, phone, Deliveries.unique("wamid.cache."), "fresh", 1767290001));

    // the cached copy went with the new message: the next read is a miss that shows it
    String after = this.cache.value(String.class).get("sb:cache:conversation:acme:" + phone).await().indefinitely();
    assertThat(after == null ? "" : after).doesNotContain("first");
    state(TestSettings.ACME_API_TOKEN, phone).statusCode(200).header("X-Cache-Status", "MISS")
        .body("lastMessagePreview", equalTo("fresh")).body("unread", equalTo(2));
  }

  /** Posts a signed delivery and waits until its job completed; returns the job id. */
  String deliver(byte[] body) {
    String jobId = post(body).statusCode(200).extract().path("jobId");
    awaitCompleted(WebhookIntake.QUEUE, jobId);
    return jobId;
  }

  private void deliverStatus(String wamid, String status, long timestamp) {
    deliver(Deliveries.status(TestSettings.ACME_PHONE_NUMBER_ID, wamid, status, timestamp));
    awaitCompleted(StatusJob.QUEUE, StatusJob.jobId(wamid, status));
  }

  private void awaitCompleted(String queue, String jobId) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
      JobState state = this.jobs.find(queue, jobId).await().indefinitely().map(Job::state).orElse(null);
      assertThat(state).as("job %s of %s", jobId, queue).isNotIn(JobState.DEAD).isEqualTo(JobState.COMPLETED);
    });
  }

  private double counter(String name, String... tags) {
    var counter = this.registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  static ValidatableResponse messages(String token, String phone) {
    return given().header("Authorization", "Bearer " + token).when().get("/api/conversations/{phone}/messages?limit=100", phone)
        .then().statusCode(200);
  }

  static ValidatableResponse state(String token, String phone) {
    return given().header("Authorization", "Bearer " + token).when().get("/api/conversations/{phone}/state", phone).then();
  }

  /** Exactly one history entry with this wamid; the response's root is that entry. */
  static ValidatableResponse one(String token, String phone, String wamid) {
    ValidatableResponse page = messages(token, phone);
    List<Map<String, Object>> found = page.extract().jsonPath().getList("messages.findAll { it.wamid == '" + wamid + "' }");
    assertThat(found).as("entries of %s", wamid).hasSize(1);
    return page.rootPath("messages.find { it.wamid == '" + wamid + "' }");
  }
}
