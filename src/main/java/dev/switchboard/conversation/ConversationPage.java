package dev.switchboard.conversation;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The newest messages of one conversation, newest first. {@link RegisterForReflection}: Jackson in native mode. */
@RegisterForReflection
public record ConversationPage(String tenant, String user, List<ConversationMessage> messages) {
}
