package dev.switchboard.send;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the Graph API answered for a sent message; recorded on the job before it is acknowledged, so a reclaimed
 * job sees that the message already went out. {@link RegisterForReflection}: written with Jackson outside REST.
 */
@RegisterForReflection
public record SentMessage(String wamid, long sentAt) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public Instant sentAtInstant() {
    return Instant.ofEpochMilli(this.sentAt);
  }

  public String toJson() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The recorded result of a job, or null when there is none or it is not ours. */
  public static SentMessage fromJson(String json) {
    if (json == null || json.isEmpty()) {
      return null;
    }
    try {
      SentMessage sent = MAPPER.readValue(json, SentMessage.class);
      return sent.wamid() == null ? null : sent;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
