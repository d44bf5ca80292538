package dev.switchboard.cache.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.support.Digests;

/**
 * A stable hash of a template's data: SHA-256 of its canonical JSON, in which every object's fields are sorted by
 * name (at any depth), so two maps with the same entries hash alike whatever their order; lists keep their order.
 * 16 hex characters (64 bits) are kept: enough to tell a key's data variants apart.
 */
public final class TemplateHash {

  private TemplateHash() {
  }

  public static String of(Object data, ObjectMapper mapper) {
    JsonNode canonical = canonical(mapper.valueToTree(data), mapper);
    try {
      return Digests.sha256Hex(mapper.writeValueAsString(canonical)).substring(0, 16);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("template data cannot be written as JSON", e);
    }
  }

  private static JsonNode canonical(JsonNode node, ObjectMapper mapper) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      ObjectNode sorted = mapper.createObjectNode();
      names.forEach(name -> sorted.set(name, canonical(node.get(name), mapper)));
      return sorted;
    }
    if (node.isArray()) {
      var array = mapper.createArrayNode();
      node.forEach(item -> array.add(canonical(item, mapper)));
      return array;
    }
    return node;
  }
}
