package dev.switchboard.notification;

import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;

/**
 * Checks an e-mail job and turns it into a mail: recipient, subject, and the template with its data. Templates are
 * type-safe: Qute validates every expression in {@code templates/emails/*.html|txt} against {@link EmailData} at build
 * time, and generates the code that reads the records (no reflection, native-safe). Each template has an HTML and a
 * text variant; the mailer sends both as one multipart/alternative message.
 */
@ApplicationScoped
public class EmailTemplates {

  static final int MAX_ADDRESS = 254;
  static final int MAX_SUBJECT = 200;
  // a plain address: dot-atom local part, a domain with a top-level label; no display name, no comments, no spaces
  private static final Pattern ADDRESS = Pattern.compile(
      "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,64}(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,64})*"
          + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

  private final ObjectMapper mapper;

  public EmailTemplates(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @CheckedTemplate(basePath = "emails")
  static class Mails {
    static native MailTemplateInstance booking_confirmation(EmailData.Booking booking);

    static native MailTemplateInstance booking_cancelled(EmailData.Booking booking);

    static native MailTemplateInstance salon_welcome(EmailData.Welcome welcome);

    static native MailTemplateInstance password_reset(EmailData.PasswordReset reset);
  }

  /** The mail for the job, ready to send; an {@link InvalidEmail} when it can never be sent. */
  public MailTemplateInstance mail(EmailJob job) {
    EmailTemplate template = check(job);
    Map<String, Object> data = job.data() == null ? Map.of() : job.data();
    MailTemplateInstance mail = switch (template) {
      case BOOKING_CONFIRMATION -> Mails.booking_confirmation(data(data, EmailData.Booking.class));
      case BOOKING_CANCELLED -> Mails.booking_cancelled(data(data, EmailData.Booking.class));
      case SALON_WELCOME -> Mails.salon_welcome(data(data, EmailData.Welcome.class));
      case PASSWORD_RESET -> Mails.password_reset(data(data, EmailData.PasswordReset.class));
    };
    return mail.to(job.to()).subject(job.subject() == null ? template.defaultSubject() : job.subject());
  }

  /** Checks recipient, subject, template and data without building the mail. */
  public EmailTemplate check(EmailJob job) {
    if (job.to() == null || job.to().isBlank()) {
      throw new InvalidEmail("to", "is required");
    }
    if (job.to().length() > MAX_ADDRESS || !ADDRESS.matcher(job.to()).matches()) {
      throw new InvalidEmail("to", "must be one e-mail address such as anna@example.com");
    }
    if (job.subject() != null && (job.subject().isBlank() || job.subject().length() > MAX_SUBJECT
        || job.subject().chars().anyMatch(Character::isISOControl))) {
      throw new InvalidEmail("subject", "must be 1 to " + MAX_SUBJECT + " characters on one line");
    }
    if (job.template() == null) {
      throw new InvalidEmail("template", "is required");
    }
    EmailTemplate template = EmailTemplate.fromWire(job.template())
        .orElseThrow(() -> new InvalidEmail("template", "is not a known template; known are " + EmailTemplate.wireNames()));
    Map<String, Object> data = job.data() == null ? Map.of() : job.data();
    for (String field : template.required()) {
      Object value = data.get(field);
      if (value == null || value.toString().isBlank()) {
        throw new InvalidEmail("data." + field, "is required by " + template.wireName());
      }
    }
    switch (template) {
      case BOOKING_CONFIRMATION, BOOKING_CANCELLED -> data(data, EmailData.Booking.class);
      case SALON_WELCOME -> data(data, EmailData.Welcome.class);
      case PASSWORD_RESET -> {
        EmailData.PasswordReset reset = data(data, EmailData.PasswordReset.class);
        if (reset.validMinutes() < 1) {
          throw new InvalidEmail("data.expiresInMinutes", "must be a positive number of minutes");
        }
      }
    }
    return template;
  }

  private <T> T data(Map<String, Object> data, Class<T> type) {
    try {
      return this.mapper.convertValue(data, type);
    } catch (IllegalArgumentException e) {
      throw new InvalidEmail("data", "does not fit the template: a field has the wrong type");
    }
  }
}
