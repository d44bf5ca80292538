package dev.switchboard.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.switchboard.webhook.processing.MetaError;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One entry of a conversation history: an inbound message as stored and as the read API returns it.
 * {@link RegisterForReflection}: written to and read from Redis as JSON, outside REST, in the native image.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ConversationMessage(String wamid, String type, String from, String userId, String profileName, Instant sentAt,
    Instant receivedAt, String text, String replyTo, Map<String, Object> details, List<MetaError> errors) {
}
