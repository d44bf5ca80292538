package dev.switchboard.notification;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The payload of a {@code notification:email} job. {@link RegisterForReflection}: Jackson writes and reads it outside
 * REST.
 *
 * @param to the recipient, one plain address
 * @param subject the subject, or null for the template's default
 * @param template one of {@link EmailTemplate}'s names
 * @param data the template's data (see {@link EmailTemplate})
 * @param requestedBy who asked: {@code tenant:<id>}, {@code admin} or the Java caller's name, for the dead letters
 */
@RegisterForReflection
public record EmailJob(String to, String subject, String template, Map<String, Object> data, String requestedBy) {

  public static final String QUEUE = "notification:email";
}
