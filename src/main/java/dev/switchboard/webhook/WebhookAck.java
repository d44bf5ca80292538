package dev.switchboard.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of intake's 200 answer. Meta only looks at the status code; the job id helps operators trace a delivery.
 * {@link RegisterForReflection}: serialized by Jackson in the native image.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookAck(String status, String jobId) {

  static WebhookAck accepted(String jobId) {
    return new WebhookAck("accepted", jobId);
  }

  static WebhookAck ignored() {
    return new WebhookAck("ignored", null);
  }
}
