package dev.switchboard.send.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The send request as the API description shows it. Documentation only: {@link SendRequestParser} reads the body
 * field by field, so that a refusal names the field and the reason.
 */
@Schema(name = "SendRequest", description = "A text or a template message to one WhatsApp number; give text or template, not both")
public record SendRequestBody(
    @Schema(description = "Recipient, E.164: + (optional) and 8 to 15 digits, no spaces", required = true, examples = "+4917012345678")
    String phoneNumber,
    @Schema(description = "The message, 1 to 4096 characters; newlines and tabs but no other control characters") String text,
    @Schema(description = "A template message") Template template,
    @Schema(description = "true for a link preview of a text") Boolean previewUrl,
    @Schema(description = "0 to 10, higher first; default 5", minimum = "0", maximum = "10") Integer priority,
    @Schema(description = "The caller's reference, kept with the job, at most 200 characters") String conversationId,
    @Schema(description = "Sender phone-number id (alias phoneNumberId); only the tenant's own is accepted") String fromNumber) {

  /** A WhatsApp template and its components, passed to Meta as given within the Cloud API's bounds. */
  @Schema(name = "SendTemplate")
  public record Template(
      @Schema(description = "Lowercase letters, digits and underscores", required = true, examples = "booking_reminder") String name,
      @Schema(description = "A language code such as en or en_US, or {\"code\": \"en\"}", required = true) String language,
      @Schema(description = "header, body, button, carousel, limited_time_offer components; at most 14") List<Map<String, Object>> components) {
  }
}
