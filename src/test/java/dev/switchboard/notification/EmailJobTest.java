package dev.switchboard.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.JobState;
import io.quarkus.test.junit.QuarkusTest;

/**
 * E-mail jobs put on the queue from Java: what can never be sent is dead at once with the reason, an SMTP outage is
 * retried with the queue's backoff (5 s first) and the mail arrives once the server is back.
 */
@QuarkusTest
class EmailJobTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final Map<String, Object> RESET = Map.of("resetUrl", "https://app.example/reset/x");

  @Inject
  EmailNotifications notifications;

  @Inject
  JobQueue jobs;

  @Test
  void shouldMakeAJobWithAnUnknownTemplateDeadAtOnce() {
    String jobId = this.notifications.enqueue(EmailApiTest.address(), null, "newsletter", RESET, 5).await().atMost(WAIT);

    Job job = awaitState(jobId, JobState.DEAD);
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(job.lastError()).isEqualTo("template is not a known template; known are booking_confirmation, booking_cancelled,"
        + " salon_welcome, password_reset");
  }

  @Test
  void shouldMakeAJobWithABadAddressOrMissingDataDeadAtOnce() {
    String badAddress = this.notifications.enqueue("anna.example.com", null, "password_reset", RESET, 5).await().atMost(WAIT);
    String noData = this.notifications.enqueue(EmailApiTest.address(), null, "password_reset", Map.of(), 5).await().atMost(WAIT);

    Job dead = awaitState(badAddress, JobState.DEAD);
    assertThat(dead.attempts()).isEqualTo(1);
    assertThat(dead.lastError()).startsWith("to must be one e-mail address");
    assertThat(awaitState(noData, JobState.DEAD).lastError()).isEqualTo("data.resetUrl is required by password_reset");
  }

  @Test
  void shouldRetryThroughAnSmtpOutageWithABackoffOfFiveSeconds() {
    String to = EmailApiTest.address();
    MailServer.stopServer();
    String jobId;
    Job failed;
    try {
      jobId = this.notifications.enqueue(to, "After the outage", "password_reset", RESET, 5).await().atMost(WAIT);
      failed = awaitState(jobId, JobState.FAILED);
    } finally {
      MailServer.startServer();
    }
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastError()).startsWith("SMTP:");
    // the first retry waits the channel's backoff, 5 s plus at most 20 % jitter
    long backoff = failed.dueAt().toEpochMilli() - failed.startedAt().toEpochMilli();
    assertThat(backoff).isBetween(5000L, 7000L);

    ReceivedMail mail = EmailApiTest.awaitMail(to);
    assertThat(mail.subject()).isEqualTo("After the outage");
    Job done = awaitState(jobId, JobState.COMPLETED);
    assertThat(done.attempts()).isEqualTo(2);
    assertThat(done.finishedAt()).isAfterOrEqualTo(failed.dueAt());
  }

  private Job awaitState(String jobId, JobState state) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
        .until(() -> this.jobs.find(EmailJob.QUEUE, jobId).await().atMost(WAIT).map(Job::state).orElse(null) == state);
    return this.jobs.find(EmailJob.QUEUE, jobId).await().atMost(WAIT).orElseThrow();
  }
}
