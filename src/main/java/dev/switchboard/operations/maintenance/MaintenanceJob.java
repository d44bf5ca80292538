package dev.switchboard.operations.maintenance;

import java.util.Locale;

/** The scheduled maintenance jobs; {@link #id} names their lock, their record and their metric tag. */
public enum MaintenanceJob {
  /** Clears user states older than {@code switchboard.maintenance.daily-age} and applies each queue's retention. */
  DAILY,
  /** Deep cleanup: user states and finished jobs older than {@code switchboard.maintenance.weekly-age}. */
  WEEKLY;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static MaintenanceJob fromId(String id) {
    for (MaintenanceJob job : values()) {
      if (job.id().equals(id)) {
        return job;
      }
    }
    throw new IllegalArgumentException("maintenance job must be daily or weekly, was '" + id + "'");
  }
}
