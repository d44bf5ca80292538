package dev.switchboard.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.switchboard.error.ApiException;

/**
 * The start of every request parser: a body that must be one JSON object (else 400 naming {@code body}), and JSON
 * {@code null} read as absent. Parsers read the tree field by field, so that a refusal names the field and the reason.
 * Strict: no key twice in one object (a lenient parser keeps the last one silently, so two readers of one body could
 * disagree), and, read from bytes, valid UTF-8 only; both refusals name the field, e.g. {@code text} for a string
 * with bytes that are not UTF-8, {@code template.name} for a repeated key.
 */
public final class JsonBody {

  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

  private JsonBody() {
  }

  public static JsonNode object(ObjectMapper mapper, String body) {
    if (body == null || body.isBlank()) {
      throw ApiException.invalid("body", "must be a JSON object");
    }
    try {
      return requireObject(strict(mapper).readTree(body));
    } catch (JsonProcessingException e) {
      throw refusal(e, true);
    }
  }

  /** The raw body as a JSON object: its bytes must be UTF-8. */
  public static JsonNode object(ObjectMapper mapper, byte[] body) {
    if (body == null || body.length == 0) {
      throw ApiException.invalid("body", "must be a JSON object");
    }
    boolean utf8 = isUtf8(body);
    JsonNode root;
    try {
      root = strict(mapper).readTree(body);
    } catch (JsonProcessingException e) {
      throw refusal(e, utf8);
    } catch (IOException e) {
      throw ApiException.invalid("body", utf8 ? "is not valid JSON" : "is not valid UTF-8");
    }
    if (!utf8) {
      throw ApiException.invalid("body", "is not valid UTF-8"); // bytes the JSON parser let through (e.g. an overlong form)
    }
    return requireObject(root);
  }

  /** The raw body as a JSON object, an empty body as {@code {}}: for requests whose fields are all optional. */
  public static JsonNode objectOrEmpty(ObjectMapper mapper, byte[] body) {
    return body == null || body.length == 0 ? mapper.createObjectNode() : object(mapper, body);
  }

  /** The node, or null when it is missing or JSON {@code null}. */
  public static JsonNode present(JsonNode node) {
    return node == null || node.isNull() ? null : node;
  }

  private static ObjectReader strict(ObjectMapper mapper) {
    return mapper.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
  }

  private static JsonNode requireObject(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw ApiException.invalid("body", "must be a JSON object");
    }
    return root;
  }

  private static ApiException refusal(JsonProcessingException e, boolean utf8) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    JsonStreamContext context = e.getProcessor() instanceof JsonParser parser ? parser.getParsingContext() : null;
    Matcher duplicate = DUPLICATE.matcher(message);
    if (duplicate.find()) {
      String parent = context == null ? "" : path(context.getParent());
      return ApiException.invalid(parent.isEmpty() ? duplicate.group(1) : parent + "." + duplicate.group(1), "appears twice");
    }
    if (!utf8 || message.contains("UTF-8") || message.contains("UTF8")) {
      String field = context == null ? "" : path(context);
      return ApiException.invalid(field.isEmpty() ? "body" : field, "is not valid UTF-8");
    }
    return ApiException.invalid("body", "is not valid JSON");
  }

  /** {@code template.components[2].text} for the value being read in {@code context}. */
  static String path(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.getCurrentName() != null) {
        parts.push("." + c.getCurrentName());
      }
    }
    String joined = String.join("", parts);
    return joined.startsWith(".") ? joined.substring(1) : joined;
  }

  static boolean isUtf8(byte[] body) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
