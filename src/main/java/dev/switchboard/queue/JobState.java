package dev.switchboard.queue;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Life cycle of a job: {@code delayed → waiting → active → completed}, or {@code active → failed} (waiting for
 * its retry, then {@code waiting} again) {@code → dead} when attempts are used up or the error is permanent.
 */
public enum JobState {
  DELAYED, WAITING, ACTIVE, COMPLETED, FAILED, DEAD;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static JobState fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
