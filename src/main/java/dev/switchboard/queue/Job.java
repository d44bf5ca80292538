package dev.switchboard.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A job as stored in Redis, for admin listings and status look-ups; {@code attempts} holds its failed attempts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Job(String id, String queue, JobState state, String data, int priority, String group, int attempts,
    int maxAttempts, Instant createdAt, Instant startedAt, Instant finishedAt, Instant dueAt, String lastError,
    String lastErrorClass, String result, List<Attempt> failedAttempts) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Job fromHash(String queue, Map<String, String> hash) {
    return new Job(hash.get("id"), queue, JobState.fromWire(hash.get("state")), hash.get("data"),
        intOf(hash.get("prio")), emptyToNull(hash.get("group")), intOf(hash.get("attempts")), intOf(hash.get("max")),
        instantOf(hash.get("created")), instantOf(hash.get("started")), instantOf(hash.get("finished")),
        instantOf(hash.get("due")), hash.get("err"), hash.get("errClass"), hash.get("result"), history(hash.get("hist")));
  }

  /** fail.lua's JSON list of {attempt, at, error, class, stack}; an unreadable one reads as no history. */
  private static List<Attempt> history(String json) {
    if (json == null || json.isEmpty()) {
      return null;
    }
    List<Attempt> attempts = new ArrayList<>();
    try {
      for (JsonNode node : JSON.readTree(json)) {
        attempts.add(new Attempt(node.path("attempt").asInt(), Instant.ofEpochMilli(node.path("at").asLong()),
            node.path("error").asText(""), node.path("class").asText(""), node.path("stack").asText("")));
      }
    } catch (JsonProcessingException e) {
      return null;
    }
    return attempts;
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
