package dev.switchboard.send.graph;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code error} object of a Graph API answer. Decisions are built on {@code code} (and {@code details}), never on
 * the title, the subcode or the HTTP status (Meta's advice). {@code subcode} is deprecated and may be absent.
 */
public record GraphError(int code, Integer subcode, String message, String type, String details, Boolean isTransient,
    String fbtraceId) {

  /** Reads an error body; null when it carries no {@code error} object with a code. */
  static GraphError from(JsonNode body) {
    JsonNode error = body == null ? null : body.get("error");
    if (error == null || !error.isObject() || !error.path("code").canConvertToInt()) {
      return null;
    }
    JsonNode subcode = error.get("error_subcode");
    JsonNode isTransient = error.get("is_transient");
    return new GraphError(error.path("code").asInt(), subcode != null && subcode.canConvertToInt() ? subcode.asInt() : null,
        text(error, "message"), text(error, "type"), text(error.path("error_data"), "details"),
        isTransient != null && isTransient.isBoolean() ? isTransient.asBoolean() : null, text(error, "fbtrace_id"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
