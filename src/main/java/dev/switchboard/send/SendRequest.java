package dev.switchboard.send;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A validated send API request.
 *
 * @param to recipient, E.164 with a leading {@code +}
 * @param text text body, or null for a template
 * @param previewUrl link preview for a text
 * @param template template, or null for a text
 * @param priority 0–10, higher first
 * @param conversationId the caller's conversation reference, or null
 * @param fromNumber the sender phone-number id the caller asked for, or null for the tenant's
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendRequest(String to, String text, Boolean previewUrl, SendJob.Template template, int priority,
    String conversationId, String fromNumber) {
}
