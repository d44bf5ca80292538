package dev.switchboard.booking;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The payload of a {@code booking:reminder} job: which reminder, and which version of it, is due. The reminder's
 * content stays in its record, so the message sent is the latest one. {@link RegisterForReflection}: Jackson writes
 * and reads it outside REST.
 */
@RegisterForReflection
public record ReminderJob(String tenant, String bookingId, ReminderType type, long version) {

  public static final String QUEUE = "booking:reminder";

  /** One job per reminder version: enqueuing the same version twice is one job. */
  public String jobId() {
    return jobId(this.tenant, this.bookingId, this.type, this.version);
  }

  /**
   * The {@code whatsapp-send} job of this version, derived rather than drawn, so that a reclaimed reminder job (its
   * replica died) enqueues the same send job again, which the queue recognises instead of sending twice.
   */
  public String sendJobId() {
    return "reminder:" + jobId();
  }

  static String jobId(String tenant, String bookingId, ReminderType type, long version) {
    return tenant + ":" + bookingId + ":" + type.wireName() + ":" + version;
  }
}
