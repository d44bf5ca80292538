package dev.switchboard.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.error.ApiException;

/**
 * The start of every request parser: a body that must be one JSON object (else 400 naming {@code body}), and JSON
 * {@code null} read as absent. Parsers read the tree field by field, so that a refusal names the field and the reason.
 */
public final class JsonBody {

  private JsonBody() {
  }

  public static JsonNode object(ObjectMapper mapper, String body) {
    if (body == null || body.isBlank()) {
      throw ApiException.invalid("body", "must be a JSON object");
    }
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.invalid("body", "is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw ApiException.invalid("body", "must be a JSON object");
    }
    return root;
  }

  /** The node, or null when it is missing or JSON {@code null}. */
  public static JsonNode present(JsonNode node) {
    return node == null || node.isNull() ? null : node;
  }
}
