package dev.switchboard.notification;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.switchboard.queue.PermanentJobFailure;
import dev.switchboard.queue.connector.JobMetadata;
import dev.switchboard.support.LogThrottle;
import dev.switchboard.support.Mask;
import io.quarkus.logging.Log;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.mail.SMTPException;

/**
 * Sends {@code notification:email} jobs over SMTP with the reactive mailer (the Vert.x mail client: no thread waits on
 * the server). Rendering runs on a worker thread, never on the event loop. What retrying cannot fix goes dead at once:
 * an invalid job, or a permanent (5xx) SMTP answer such as an unknown mailbox. Everything else, an SMTP server that is
 * down or answers 4xx, fails the attempt, and the queue retries it with its exponential backoff (5 s, 10 s, ...).
 */
@ApplicationScoped
public class EmailProcessor {

  static final String CHANNEL = "notification-email";
  // an SMTP outage fails every mail alike: one line per 10 s tells the operator
  private static final LogThrottle RETRIES = new LogThrottle(Duration.ofSeconds(10));

  private final EmailTemplates templates;
  private final boolean hasSender;

  public EmailProcessor(EmailTemplates templates, @ConfigProperty(name = "quarkus.mailer.from") Optional<String> from) {
    this.templates = templates;
    this.hasSender = from.filter(value -> !value.isBlank()).isPresent();
  }

  @Incoming(CHANNEL)
  public Uni<Void> process(EmailJob job, JobMetadata meta) {
    if (job == null) {
      return Uni.createFrom().voidItem(); // unreadable payload: the converter already sent the job to dead
    }
    if (!this.hasSender) {
      return dead(job, meta, "quarkus.mailer.from is not set: no sender address");
    }
    return Uni.createFrom().deferred(() -> {
      MailTemplateInstance mail = this.templates.mail(job);
      return mail.send();
    })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .invoke(() -> Log.debugf("E-mail %s sent to %s (job %s, attempt %d)", templateName(job), Mask.email(job.to()), meta.jobId(),
            meta.attempt()))
        .onFailure(InvalidEmail.class).recoverWithUni(failure -> dead(job, meta, failure.getMessage()))
        .onFailure(EmailProcessor::isPermanent).recoverWithUni(failure -> dead(job, meta, "SMTP server refused the mail: "
            + Mask.emailsIn(failure.getMessage())))
        .onFailure(failure -> !(failure instanceof PermanentJobFailure)).transform(failure -> {
          String reason = Mask.emailsIn(String.valueOf(failure.getMessage()));
          if (RETRIES.allow("smtp")) {
            Log.warnf("E-mail job %s attempt %d/%d failed, to be retried: %s (further ones are logged at debug level for 10 s)",
                meta.jobId(), meta.attempt(), meta.maxAttempts(), reason);
          } else {
            Log.debugf("E-mail job %s attempt %d/%d failed, to be retried: %s", meta.jobId(), meta.attempt(), meta.maxAttempts(), reason);
          }
          return new IllegalStateException("SMTP: " + reason);
        });
  }

  /** The template's name for a log line: only a known one, never whatever a payload carried. */
  private static String templateName(EmailJob job) {
    return EmailTemplate.fromWire(job.template()).map(EmailTemplate::wireName).orElse("(unknown template)");
  }

  private static boolean isPermanent(Throwable failure) {
    return failure instanceof SMTPException smtp && smtp.isPermanent() || failure instanceof IllegalArgumentException;
  }

  /** Dead at once; {@code reason} carries no personal data (an SMTP reply is masked before it gets here). */
  private static Uni<Void> dead(EmailJob job, JobMetadata meta, String reason) {
    Log.warnf("E-mail job %s (%s to %s) cannot be sent: %s", meta.jobId(), templateName(job), Mask.email(job.to()), reason);
    return Uni.createFrom().failure(new PermanentJobFailure(reason));
  }
}
