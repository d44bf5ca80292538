package dev.switchboard.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Structure-aware mutations of a JSON document, for fuzzing input handling: values swapped for other types,
 * fields dropped or added, arrays emptied or repeated, odd strings (control characters, lone surrogates
 * escaped, very long), deep nesting, and byte-level damage. Seeded, so a failing case can be replayed.
 */
public final class JsonMutator {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] ODD_STRINGS = { "", " ", "\u0000", "\\", "\"", "\uD83D\uDE00", "null", "-1", "1e309",
      "\u202E\u0645\u0631\u062D\u0628\u0627", "<script>", "%s%n", "+", "+0000000000000000000000", "\uFEFF" };

  private final Random random;

  public JsonMutator(long seed) {
    this.random = new Random(seed);
  }

  /** One mutated copy of {@code document} (given as JSON text), as bytes. */
  public byte[] mutate(String document) {
    try {
      if (this.random.nextInt(10) == 0) {
        return damageBytes(document.getBytes(StandardCharsets.UTF_8));
      }
      JsonNode root;
      try {
        root = JSON.readTree(document);
      } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
        return damageBytes(document.getBytes(StandardCharsets.UTF_8));
      }
      int edits = 1 + this.random.nextInt(4);
      for (int i = 0; i < edits; i++) {
        root = mutateSomewhere(root);
      }
      return JSON.writeValueAsBytes(root);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A random JSON value of any type, up to {@code depth} levels deep. */
  public JsonNode randomValue(int depth) {
    return switch (this.random.nextInt(depth > 0 ? 9 : 7)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(this.random.nextBoolean());
      case 2 -> NODES.numberNode(this.random.nextLong());
      case 3 -> NODES.numberNode(this.random.nextDouble() * Math.pow(10, this.random.nextInt(40) - 20));
      case 4 -> NODES.textNode(ODD_STRINGS[this.random.nextInt(ODD_STRINGS.length)]);
      case 5 -> NODES.textNode(randomString(this.random.nextInt(5) == 0 ? 5000 : 20));
      case 6 -> NODES.numberNode(new java.math.BigInteger(200, this.random));
      case 7 -> {
        ArrayNode array = NODES.arrayNode();
        for (int i = this.random.nextInt(4); i > 0; i--) {
          array.add(randomValue(depth - 1));
        }
        yield array;
      }
      default -> {
        ObjectNode object = NODES.objectNode();
        for (int i = this.random.nextInt(4); i > 0; i--) {
          object.set(randomString(6), randomValue(depth - 1));
        }
        yield object;
      }
    };
  }

  /** Nesting {@code depth} arrays deep: parsers must refuse it without running out of stack. */
  public static String deeplyNested(int depth) {
    return "{\"object\":\"whatsapp_business_account\",\"entry\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
  }

  private JsonNode mutateSomewhere(JsonNode root) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    if (containers.isEmpty() || this.random.nextInt(50) == 0) {
      return randomValue(3);
    }
    JsonNode target = containers.get(this.random.nextInt(containers.size()));
    if (target instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      String name = names.isEmpty() ? randomString(5) : names.get(this.random.nextInt(names.size()));
      switch (this.random.nextInt(4)) {
        case 0 -> object.remove(name);
        case 1 -> object.set(randomString(5), randomValue(2));
        default -> object.set(name, randomValue(2));
      }
    } else if (target instanceof ArrayNode array) {
      switch (this.random.nextInt(4)) {
        case 0 -> array.removeAll();
        case 1 -> {
          if (!array.isEmpty()) {
            JsonNode first = array.get(0).deepCopy();
            for (int i = 0; i < 1 + this.random.nextInt(50); i++) {
              array.add(first.deepCopy());
            }
          }
        }
        case 2 -> array.add(randomValue(2));
        default -> {
          if (!array.isEmpty()) {
            array.set(this.random.nextInt(array.size()), randomValue(2));
          }
        }
      }
    }
    return root;
  }

  private static void collect(JsonNode node, List<JsonNode> containers) {
    if (node.isContainerNode()) {
      containers.add(node);
      if (node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
          collect(it.next().getValue(), containers);
        }
      } else {
        node.forEach(child -> collect(child, containers));
      }
    }
  }

  private byte[] damageBytes(byte[] bytes) {
    byte[] copy = bytes.clone();
    switch (this.random.nextInt(3)) {
      case 0 -> {
        return java.util.Arrays.copyOf(copy, this.random.nextInt(Math.max(1, copy.length)));
      }
      case 1 -> {
        for (int i = 0; i < 1 + this.random.nextInt(5); i++) {
          copy[this.random.nextInt(copy.length)] = (byte) this.random.nextInt(256);
        }
        return copy;
      }
      default -> {
        byte[] noise = new byte[this.random.nextInt(200)];
        this.random.nextBytes(noise);
        return noise;
      }
    }
  }

  private String randomString(int maxLength) {
    int length = this.random.nextInt(maxLength + 1);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int kind = this.random.nextInt(10);
      if (kind == 0) {
        text.append((char) this.random.nextInt(0x20));
      } else if (kind == 1) {
        text.appendCodePoint(0x1F300 + this.random.nextInt(0x300));
      } else if (kind == 2) {
        text.append((char) (0x0600 + this.random.nextInt(0x100)));
      } else {
        text.append((char) ('a' + this.random.nextInt(26)));
      }
    }
    return text.toString();
  }
}
