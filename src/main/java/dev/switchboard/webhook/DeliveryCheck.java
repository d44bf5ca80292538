package dev.switchboard.webhook;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The only look intake takes at a delivery's content: is it one well-formed UTF-8 JSON object, and what is its
 * top-level {@code object}. A streaming pass, no tree, nothing of the messages is read.
 */
final class DeliveryCheck {

  static final String WHATSAPP_OBJECT = "whatsapp_business_account";

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** What the check found; {@code text} is the body as a string when it is valid UTF-8 JSON. */
  record Result(Kind kind, String object, String text, String problem) {
  }

  enum Kind {
    WHATSAPP, OTHER_OBJECT, MALFORMED
  }

  private DeliveryCheck() {
  }

  static Result check(byte[] body) {
    if (body.length == 0) {
      return malformed("body is empty");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      return malformed("body is not valid UTF-8");
    }
    String object = null;
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return malformed("body is not a JSON object");
      }
      int depth = 1;
      while (depth > 0) {
        JsonToken token = parser.nextToken();
        if (token == null) {
          return malformed("JSON ends early");
        }
        switch (token) {
          case START_OBJECT, START_ARRAY -> depth++;
          case END_OBJECT, END_ARRAY -> depth--;
          case FIELD_NAME -> {
            if (depth == 1 && "object".equals(parser.currentName())) {
              JsonToken value = parser.nextToken();
              if (value == JsonToken.VALUE_STRING) {
                object = parser.getText();
              } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                depth++;
              }
            }
          }
          default -> {
          }
        }
      }
      if (parser.nextToken() != null) {
        return malformed("content after the JSON object");
      }
    } catch (IOException e) {
      return malformed("not JSON: " + firstLine(e.getMessage()));
    }
    Kind kind = WHATSAPP_OBJECT.equals(object) ? Kind.WHATSAPP : Kind.OTHER_OBJECT;
    return new Result(kind, object, text, kind == Kind.WHATSAPP ? null : "object is not " + WHATSAPP_OBJECT);
  }

  private static Result malformed(String problem) {
    return new Result(Kind.MALFORMED, null, null, problem);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "parse error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
