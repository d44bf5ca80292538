package dev.switchboard.send.api;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.api.JsonBody;
import dev.switchboard.error.ApiException;
import dev.switchboard.queue.JobOptions;
import dev.switchboard.send.SendJob;
import dev.switchboard.send.SendRequest;

/**
 * Reads and validates a send request body. Every refusal is a 400 that names the field and the reason, in the
 * message and as {@code details: {field, reason}}: bytes that are not UTF-8, a key given twice, control characters in
 * text, a template larger than WhatsApp takes. Unknown fields are ignored (callers of the Node stack send extras).
 */
@ApplicationScoped
public class SendRequestParser {

  static final int MAX_TEXT = 4096;
  static final int MAX_CONVERSATION_ID = 200;
  static final int MAX_IDEMPOTENCY_KEY = 255;
  private static final Pattern E164 = Pattern.compile("\\+?[1-9][0-9]{7,14}");
  private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9_]{1,512}");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Za-z]{2,4})?");
  private static final Pattern NUMBER_ID = Pattern.compile("[0-9]{1,30}");
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]([\\x20-\\x7E]*[\\x21-\\x7E])?");

  private final ObjectMapper mapper;

  public SendRequestParser(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public SendRequest parse(byte[] body) {
    JsonNode root = JsonBody.object(this.mapper, body);
    String to = phoneNumber(root.get("phoneNumber"), "phoneNumber");
    JsonNode text = JsonBody.present(root.get("text"));
    JsonNode template = JsonBody.present(root.get("template"));
    if (text == null && template == null) {
      throw ApiException.invalid("text", "give either text or template");
    }
    if (text != null && template != null) {
      throw ApiException.invalid("template", "give either text or template, not both");
    }
    String messageText = text == null ? null : text(text);
    Boolean previewUrl = bool(root.get("previewUrl"), "previewUrl");
    SendJob.Template parsed = template == null ? null : template(template, true);
    int priority = priority(root.get("priority"));
    String conversationId = conversationId(root.get("conversationId"));
    String fromNumber = fromNumber(root);
    return new SendRequest(to, messageText, previewUrl, parsed, priority, conversationId, fromNumber);
  }

  /** The header's value, or null when absent; refuses empty, over-long or non-printable keys. */
  public static String idempotencyKey(String header) {
    if (header == null) {
      return null;
    }
    if (header.isEmpty() || header.length() > MAX_IDEMPOTENCY_KEY || !IDEMPOTENCY_KEY.matcher(header).matches()) {
      throw ApiException.invalid("Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY + " printable ASCII characters");
    }
    return header;
  }

  /**
   * A recipient number as the send API accepts it (E.164, {@code +} optional), normalised to a leading {@code +};
   * other APIs that send WhatsApp messages validate theirs with it, under their own field name.
   */
  public static String phoneNumber(JsonNode node, String field) {
    if (JsonBody.present(node) == null) {
      throw ApiException.invalid(field, "is required");
    }
    if (!node.isTextual() || !E164.matcher(node.asText()).matches()) {
      throw ApiException.invalid(field, "must be an E.164 number: + and 8 to 15 digits, no spaces");
    }
    String value = node.asText();
    return value.startsWith("+") ? value : "+" + value;
  }

  private static String text(JsonNode node) {
    if (!node.isTextual()) {
      throw ApiException.invalid("text", "must be a string");
    }
    String text = node.asText();
    if (text.isBlank()) {
      throw ApiException.invalid("text", "must not be blank");
    }
    if (text.length() > MAX_TEXT) {
      throw ApiException.invalid("text", "must be at most " + MAX_TEXT + " characters");
    }
    TextRules.check("text", text);
    return text;
  }

  /**
   * A template as the send API accepts it: {@code {name, language | {code}, components?}}. Without
   * {@code languageRequired} the language may be left out (null), for callers that have a default.
   */
  public static SendJob.Template template(JsonNode node, boolean languageRequired) {
    if (!node.isObject()) {
      throw ApiException.invalid("template", "must be an object with name, language and optional components");
    }
    JsonNode name = JsonBody.present(node.get("name"));
    if (name == null) {
      throw ApiException.invalid("template.name", "is required");
    }
    if (!name.isTextual() || !TEMPLATE_NAME.matcher(name.asText()).matches()) {
      throw ApiException.invalid("template.name", "must be lowercase letters, digits and underscores");
    }
    JsonNode language = JsonBody.present(node.get("language"));
    if (language != null && language.isObject()) {
      language = JsonBody.present(language.get("code"));
    }
    if (language == null) {
      if (languageRequired) {
        throw ApiException.invalid("template.language", "is required");
      }
    } else if (!language.isTextual() || !LANGUAGE.matcher(language.asText()).matches()) {
      throw ApiException.invalid("template.language", "must be a language code such as en or en_US");
    }
    JsonNode components = JsonBody.present(node.get("components"));
    if (components != null) {
      if (!components.isArray()) {
        throw ApiException.invalid("template.components", "must be an array");
      }
      for (int i = 0; i < components.size(); i++) {
        JsonNode component = components.get(i);
        if (!component.isObject() || !component.path("type").isTextual() || component.path("type").asText().isBlank()) {
          throw ApiException.invalid("template.components[" + i + "]", "must be an object with a type");
        }
      }
      TemplateLimits.check(components, "template.components");
    }
    return new SendJob.Template(name.asText(), language == null ? null : language.asText(), components);
  }

  private static int priority(JsonNode node) {
    if (JsonBody.present(node) == null) {
      return JobOptions.DEFAULT_PRIORITY;
    }
    if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < JobOptions.MIN_PRIORITY || node.asInt() > JobOptions.MAX_PRIORITY) {
      throw ApiException.invalid("priority", "must be an integer from 0 to 10");
    }
    return node.asInt();
  }

  private static String conversationId(JsonNode node) {
    if (JsonBody.present(node) == null) {
      return null;
    }
    if (!(node.isTextual() || node.isIntegralNumber()) || node.asText().isBlank() || node.asText().length() > MAX_CONVERSATION_ID) {
      throw ApiException.invalid("conversationId", "must be a string of 1 to " + MAX_CONVERSATION_ID + " characters");
    }
    TextRules.check("conversationId", node.asText());
    return node.asText();
  }

  private static String fromNumber(JsonNode root) {
    String field = root.has("fromNumber") ? "fromNumber" : "phoneNumberId";
    JsonNode node = JsonBody.present(root.get(field));
    if (node == null) {
      return null;
    }
    if (!(node.isTextual() || node.isIntegralNumber()) || !NUMBER_ID.matcher(node.asText()).matches()) {
      throw ApiException.invalid(field, "must be a WhatsApp phone-number id (digits)");
    }
    return node.asText();
  }

  private static Boolean bool(JsonNode node, String field) {
    if (JsonBody.present(node) == null) {
      return null;
    }
    if (!node.isBoolean()) {
      throw ApiException.invalid(field, "must be true or false");
    }
    return node.asBoolean();
  }
}
