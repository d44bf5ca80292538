package dev.switchboard.webhook.processing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Reads a delivery leniently: every field Meta may leave out is optional, an item that cannot be used is skipped
 * (and its reason reported) and the rest is kept, unknown message types become {@code unknown}. Works on the JSON
 * tree, so it needs no reflection and never fails on an unexpected field or type.
 */
public final class WebhookParser {

  /** Message types modelled here; see the Cloud API's messages webhook reference. */
  public static final Set<String> MESSAGE_TYPES = Set.of("text", "image", "audio", "video", "document", "sticker", "location",
      "contacts", "interactive", "button", "reaction", "order", "system", "unsupported", "unknown");

  private static final Set<String> MEDIA = Set.of("image", "audio", "video", "document", "sticker");
  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookParser() {
  }

  /** Thrown when the payload is not a JSON object at all (intake lets no such delivery in). */
  public static final class UnreadableDelivery extends Exception {
    UnreadableDelivery(String message) {
      super(message);
    }
  }

  public static WebhookDelivery parse(String payload) throws UnreadableDelivery {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new UnreadableDelivery("delivery is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new UnreadableDelivery("delivery is not a JSON object");
    }
    List<WebhookDelivery.Change> changes = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (JsonNode entry : root.path("entry")) {
      String wabaId = text(entry, "id");
      for (JsonNode change : entry.path("changes")) {
        JsonNode value = change.path("value");
        String field = text(change, "field");
        if (!value.isObject()) {
          skipped.add("not_an_object");
        } else if (field != null && !"messages".equals(field)) {
          skipped.add("other_field");
        } else {
          changes.add(change(wabaId, value, skipped));
        }
      }
    }
    return new WebhookDelivery(changes, skipped);
  }

  private static WebhookDelivery.Change change(String wabaId, JsonNode value, List<String> skipped) {
    Map<String, String> names = new HashMap<>();
    for (JsonNode contact : value.path("contacts")) {
      String name = text(contact.path("profile"), "name");
      if (name != null) {
        putIfPresent(names, text(contact, "wa_id"), name);
        putIfPresent(names, text(contact, "user_id"), name);
      }
    }
    List<InboundMessage> messages = new ArrayList<>();
    for (JsonNode message : value.path("messages")) {
      InboundMessage parsed = message(message, names, skipped);
      if (parsed != null) {
        messages.add(parsed);
      }
    }
    List<WebhookDelivery.Status> statuses = new ArrayList<>();
    for (JsonNode status : value.path("statuses")) {
      String wamid = text(status, "id");
      String state = text(status, "status");
      if (wamid == null) {
        skipped.add("no_id");
      } else if (state == null) {
        skipped.add("no_status");
      } else {
        List<MetaError> errors = errors(status.path("errors"));
        statuses.add(new WebhookDelivery.Status(wamid, state, timestamp(status.path("timestamp")), text(status, "recipient_id"),
            errors.isEmpty() ? null : errors.get(0)));
      }
    }
    return new WebhookDelivery.Change(wabaId, text(value.path("metadata"), "phone_number_id"), messages, statuses,
        errors(value.path("errors")));
  }

  static InboundMessage message(JsonNode message, Map<String, String> names, List<String> skipped) {
    if (!message.isObject()) {
      skipped.add("not_an_object");
      return null;
    }
    String wamid = text(message, "id");
    String from = text(message, "from");
    String fromUserId = text(message, "from_user_id");
    if (wamid == null) {
      skipped.add("no_id");
      return null;
    }
    if (from == null && fromUserId == null) {
      skipped.add("no_sender");
      return null;
    }
    String declared = text(message, "type");
    String type = declared != null && MESSAGE_TYPES.contains(declared) ? declared : "unknown";
    Map<String, Object> details = new LinkedHashMap<>();
    String body = content(type, message.path(type), details);
    if ("unknown".equals(type) && declared != null) {
      details.put("declaredType", declared);
    }
    String name = from != null && names.containsKey(from) ? names.get(from) : names.get(fromUserId);
    return new InboundMessage(wamid, type, from, fromUserId, name, timestamp(message.path("timestamp")), body,
        text(message.path("context"), "id"), details, errors(message.path("errors")));
  }

  /** Fills the type's details and returns its text (body, caption, title...), or null. */
  private static String content(String type, JsonNode node, Map<String, Object> details) {
    if (MEDIA.contains(type)) {
      put(details, "mediaId", text(node, "id"));
      put(details, "mimeType", text(node, "mime_type"));
      put(details, "filename", text(node, "filename"));
      if (node.has("voice")) {
        details.put("voice", node.path("voice").asBoolean());
      }
      if (node.has("animated")) {
        details.put("animated", node.path("animated").asBoolean());
      }
      return text(node, "caption");
    }
    switch (type) {
      case "text":
        return text(node, "body");
      case "location":
        if (node.path("latitude").isNumber()) {
          details.put("latitude", node.path("latitude").asDouble());
        }
        if (node.path("longitude").isNumber()) {
          details.put("longitude", node.path("longitude").asDouble());
        }
        put(details, "name", text(node, "name"));
        put(details, "address", text(node, "address"));
        put(details, "url", text(node, "url"));
        return firstNonNull(text(node, "name"), text(node, "address"));
      case "interactive":
        String kind = text(node, "type");
        put(details, "replyType", kind);
        JsonNode reply = kind == null ? MissingNode.getInstance() : node.path(kind);
        put(details, "replyId", text(reply, "id"));
        put(details, "description", text(reply, "description"));
        return firstNonNull(text(reply, "title"), text(reply, "body"), text(reply, "name"));
      case "button":
        put(details, "payload", text(node, "payload"));
        return text(node, "text");
      case "reaction":
        put(details, "reactionTo", text(node, "message_id"));
        String emoji = text(node, "emoji");
        put(details, "emoji", emoji == null || emoji.isEmpty() ? null : emoji);
        return emoji == null || emoji.isEmpty() ? null : emoji;
      case "order":
        put(details, "catalogId", text(node, "catalog_id"));
        List<Map<String, Object>> items = new ArrayList<>();
        for (JsonNode item : node.path("product_items")) {
          Map<String, Object> line = new LinkedHashMap<>();
          put(line, "productRetailerId", text(item, "product_retailer_id"));
          put(line, "quantity", text(item, "quantity"));
          put(line, "itemPrice", text(item, "item_price"));
          put(line, "currency", text(item, "currency"));
          items.add(line);
        }
        if (!items.isEmpty()) {
          details.put("items", items);
        }
        return text(node, "text");
      case "system":
        put(details, "systemType", text(node, "type"));
        put(details, "newWaId", firstNonNull(text(node, "wa_id"), text(node, "customer")));
        return text(node, "body");
      case "contacts":
        // the message's own array of shared vCards, not the change's sender contacts
        List<Map<String, Object>> cards = new ArrayList<>();
        List<String> cardNames = new ArrayList<>();
        for (JsonNode card : node) {
          Map<String, Object> shared = new LinkedHashMap<>();
          String cardName = firstNonNull(text(card.path("name"), "formatted_name"), text(card.path("name"), "first_name"));
          put(shared, "name", cardName);
          List<String> phones = new ArrayList<>();
          card.path("phones").forEach(phone -> addIfPresent(phones, firstNonNull(text(phone, "phone"), text(phone, "wa_id"))));
          if (!phones.isEmpty()) {
            shared.put("phones", phones);
          }
          cards.add(shared);
          if (cardName != null) {
            cardNames.add(cardName);
          }
        }
        if (!cards.isEmpty()) {
          details.put("contacts", cards);
        }
        return cardNames.isEmpty() ? null : String.join(", ", cardNames);
      case "unsupported":
        put(details, "unsupportedType", text(node, "type"));
        return null;
      default:
        return null;
    }
  }

  private static List<MetaError> errors(JsonNode errors) {
    List<MetaError> result = new ArrayList<>();
    for (JsonNode error : errors) {
      Integer code = error.path("code").canConvertToInt() ? error.path("code").asInt() : null;
      result.add(new MetaError(code, text(error, "title"), firstNonNull(text(error.path("error_data"), "details"), text(error, "message"))));
    }
    return result;
  }

  /** Meta sends Unix seconds as a string; numbers are accepted too, anything else is absent. */
  static Instant timestamp(JsonNode node) {
    try {
      if (node.isIntegralNumber()) {
        return Instant.ofEpochSecond(node.asLong());
      }
      if (node.isTextual() && !node.asText().isBlank()) {
        return Instant.ofEpochSecond(Long.parseLong(node.asText().trim()));
      }
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return null;
    }
    return null;
  }

  /** A scalar field as text, or null when absent, null, or not a scalar. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() ? value.asText() : null;
  }

  private static void put(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static void addIfPresent(List<String> list, String value) {
    if (value != null) {
      list.add(value);
    }
  }

  private static void putIfPresent(Map<String, String> map, String key, String value) {
    if (key != null) {
      map.put(key, value);
    }
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
