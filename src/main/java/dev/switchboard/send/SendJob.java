package dev.switchboard.send;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The payload of a {@code whatsapp-send} job: one validated message of one tenant. {@link RegisterForReflection}
 * because it is written to and read from Redis with Jackson outside REST, which the native image must know.
 *
 * @param tenant the tenant that sends
 * @param phoneNumberId the sender number (the tenant's phone-number id)
 * @param to the recipient, E.164 with a leading {@code +}
 * @param text the body of a text message, or null for a template
 * @param previewUrl whether WhatsApp renders a link preview of the text
 * @param template the template message, or null for a text
 * @param conversationId the caller's conversation reference, kept with the job
 * @param acceptedAt when the API accepted it (epoch ms)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendJob(String tenant, String phoneNumberId, String to, String text, Boolean previewUrl, Template template,
    String conversationId, long acceptedAt) {

  /** A template message: its name, language code and the components (parameters) passed through to Meta as given. */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Template(String name, String language, JsonNode components) {
  }

  public String type() {
    return this.template == null ? "text" : "template";
  }
}
