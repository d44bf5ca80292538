package dev.switchboard.notification.api;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.api.JsonBody;
import dev.switchboard.error.ApiException;
import dev.switchboard.notification.EmailJob;
import dev.switchboard.notification.EmailTemplates;
import dev.switchboard.notification.InvalidEmail;
import dev.switchboard.queue.JobOptions;

/**
 * Reads an e-mail request ({@code {to, subject?, template, data?, priority?}}) and checks it as the processor will,
 * so that what could never be sent is a 400 naming the field instead of a dead job.
 */
@ApplicationScoped
public class EmailRequestParser {

  private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {
  };

  private final ObjectMapper mapper;
  private final EmailTemplates templates;

  public EmailRequestParser(ObjectMapper mapper, EmailTemplates templates) {
    this.mapper = mapper;
    this.templates = templates;
  }

  /** A checked request: the job and its priority. */
  public record Parsed(EmailJob job, int priority) {
  }

  public Parsed parse(String body, String requestedBy) {
    JsonNode root = JsonBody.object(this.mapper, body);
    JsonNode data = JsonBody.present(root.get("data"));
    if (data != null && !data.isObject()) {
      throw ApiException.invalid("data", "must be an object");
    }
    EmailJob job = new EmailJob(text(root, "to"), text(root, "subject"), text(root, "template"),
        data == null ? Map.of() : this.mapper.convertValue(data, DATA), requestedBy);
    try {
      this.templates.check(job);
    } catch (InvalidEmail e) {
      throw ApiException.invalid(e.field(), e.reason());
    }
    return new Parsed(job, priority(JsonBody.present(root.get("priority"))));
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = JsonBody.present(root.get(field));
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw ApiException.invalid(field, "must be a string");
    }
    return node.asText();
  }

  private static int priority(JsonNode node) {
    if (node == null) {
      return JobOptions.DEFAULT_PRIORITY;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < JobOptions.MIN_PRIORITY || node.asInt() > JobOptions.MAX_PRIORITY) {
      throw ApiException.invalid("priority", "must be an integer from 0 to 10");
    }
    return node.asInt();
  }
}
