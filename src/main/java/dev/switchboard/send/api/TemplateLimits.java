package dev.switchboard.send.api;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.error.ApiException;

/**
 * The send-time shape of a template's {@code components}, bounded by what the WhatsApp Cloud API accepts, so a
 * request with thousands of components is refused at once (400) instead of queued, sent and refused by Meta (a dead
 * job). Limits, from Meta's "Template components" reference (developers.facebook.com/documentation/business-messaging/
 * whatsapp/templates/components, updated 2025-11-21) and "Media card carousel templates" (…/templates/
 * marketing-templates/media-card-carousel-templates, updated 2026-06-24):
 * <ul>
 * <li>a template has at most one header, one body and ten buttons; a send names each button in its own component, so
 * at most 1 header + 1 body + 10 button + 1 carousel + 1 limited_time_offer = {@value #MAX_COMPONENTS} components;</li>
 * <li>a text header takes one parameter, a media header one media object; a button component one parameter;</li>
 * <li>the body is at most 1,024 characters and every parameter is a placeholder of at least 5 ({@code {{1}}}), so at
 * most {@value #MAX_BODY_PARAMETERS} parameters (our bound, derived from those two limits);</li>
 * <li>a carousel has at most 10 cards, each with a header, an optional body and up to two buttons.</li>
 * </ul>
 * Every string inside must be text ({@link TextRules}). Types Meta may add later pass with the body's bound.
 */
final class TemplateLimits {

  static final int MAX_COMPONENTS = 14;
  static final int MAX_BODY_PARAMETERS = 1024 / 5;
  static final int MAX_CARDS = 10;
  private static final Map<String, Integer> PER_TYPE = Map.of("header", 1, "body", 1, "button", 10, "carousel", 1, "limited_time_offer", 1);
  private static final Map<String, Integer> PARAMETERS = Map.of("header", 1, "button", 1, "limited_time_offer", 1);
  private static final int MAX_CARD_COMPONENTS = 4;

  private TemplateLimits() {
  }

  static void check(JsonNode components, String field) {
    if (components.size() > MAX_COMPONENTS) {
      throw ApiException.invalid(field, "has " + components.size() + " components; a WhatsApp template takes at most " + MAX_COMPONENTS);
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < components.size(); i++) {
      JsonNode component = components.get(i);
      String at = field + "[" + i + "]";
      String type = component.path("type").asText().toLowerCase(Locale.ROOT);
      int count = seen.merge(type, 1, Integer::sum);
      Integer allowed = PER_TYPE.get(type);
      if (allowed != null && count > allowed) {
        throw ApiException.invalid(at, "is " + type + " component number " + count + "; a template has at most " + allowed);
      }
      parameters(component, at, PARAMETERS.getOrDefault(type, MAX_BODY_PARAMETERS));
      if ("carousel".equals(type)) {
        cards(component.path("cards"), at + ".cards");
      }
      strings(component, at);
    }
  }

  private static void parameters(JsonNode component, String at, int max) {
    JsonNode parameters = component.get("parameters");
    if (parameters != null && !parameters.isNull()) {
      if (!parameters.isArray()) {
        throw ApiException.invalid(at + ".parameters", "must be an array");
      }
      if (parameters.size() > max) {
        throw ApiException.invalid(at + ".parameters", "has " + parameters.size() + " parameters; this component takes at most " + max);
      }
    }
  }

  private static void cards(JsonNode cards, String at) {
    if (!cards.isArray() || cards.size() > MAX_CARDS) {
      throw ApiException.invalid(at, "must be an array of at most " + MAX_CARDS + " cards");
    }
    for (int i = 0; i < cards.size(); i++) {
      JsonNode components = cards.get(i).path("components");
      if (components.isArray() && components.size() > MAX_CARD_COMPONENTS) {
        throw ApiException.invalid(at + "[" + i + "].components", "has " + components.size() + " components; a card takes at most "
            + MAX_CARD_COMPONENTS + " (header, body, two buttons)");
      }
    }
  }

  /** Every string value inside, checked as message text, named by its path. */
  private static void strings(JsonNode node, String at) {
    if (node.isTextual()) {
      TextRules.check(at, node.asText());
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        strings(node.get(i), at + "[" + i + "]");
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> field = it.next();
        strings(field.getValue(), at + "." + field.getKey());
      }
    }
  }
}
