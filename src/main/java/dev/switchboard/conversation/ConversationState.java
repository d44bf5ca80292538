package dev.switchboard.conversation;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What we know of a customer's conversation with a tenant: when they last wrote, what, and how many of their
 * messages are unread. {@link RegisterForReflection}: serialized by Jackson in the native image.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationState(String tenant, String user, String profileName, Instant lastInboundAt, String lastMessageType,
    String lastMessagePreview, String lastWamid, long unread, long messages, Instant updatedAt) {

  static ConversationState fromHash(String tenant, String user, Map<String, String> hash) {
    return new ConversationState(tenant, hash.getOrDefault("user", user), hash.get("profileName"), instant(hash.get("lastInboundAt")),
        hash.get("lastMessageType"), hash.get("lastMessagePreview"), hash.get("lastWamid"), number(hash.get("unread")),
        number(hash.get("messages")), instant(hash.get("updatedAt")));
  }

  private static Instant instant(String millis) {
    return millis == null || millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
  }

  private static long number(String value) {
    return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
  }
}
