package dev.switchboard.queue;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A job as stored in Redis, for admin listings and status look-ups. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Job(String id, String queue, JobState state, String data, int priority, String group, int attempts,
    int maxAttempts, Instant createdAt, Instant startedAt, Instant finishedAt, Instant dueAt, String lastError,
    String lastErrorClass, String result) {

  static Job fromHash(String queue, Map<String, String> hash) {
    return new Job(hash.get("id"), queue, JobState.fromWire(hash.get("state")), hash.get("data"),
        intOf(hash.get("prio")), emptyToNull(hash.get("group")), intOf(hash.get("attempts")), intOf(hash.get("max")),
        instantOf(hash.get("created")), instantOf(hash.get("started")), instantOf(hash.get("finished")),
        instantOf(hash.get("due")), hash.get("err"), hash.get("errClass"), hash.get("result"));
  }

  private static int intOf(String value) {
    return value == null ? 0 : Integer.parseInt(value);
  }

  private static Instant instantOf(String millis) {
    return millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis));
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
