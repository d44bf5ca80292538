package dev.switchboard.redis;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Redis Cluster's key-to-slot mapping: CRC16 (XMODEM) of the key's hash tag (the text between the first {@code {}
 * and the next {@code }}, when not empty) or of the whole key, modulo 16384. Keys with one tag share a slot, hence
 * a node, which is what lets a script or a multi-key command touch them together.
 */
public final class HashSlot {

  public static final int SLOTS = 16384;
  private static final Map<Integer, String> FOUND = new ConcurrentHashMap<>();

  private HashSlot() {
  }

  public static int of(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    int from = 0;
    int to = bytes.length;
    int open = indexOf(bytes, (byte) '{', 0);
    if (open >= 0) {
      int close = indexOf(bytes, (byte) '}', open + 1);
      if (close > open + 1) {
        from = open + 1;
        to = close;
      }
    }
    return crc16(bytes, from, to) & (SLOTS - 1);
  }

  /** A key in {@code slot}: {@code {n}} for the smallest n that hashes there (for every slot, n < 110,000). */
  public static String keyIn(int slot) {
    if (slot < 0 || slot >= SLOTS) {
      throw new IllegalArgumentException("no slot " + slot);
    }
    return FOUND.computeIfAbsent(slot, HashSlot::search); // a few masters' slots, asked on every health check
  }

  private static String search(int slot) {
    for (int n = 0;; n++) {
      String key = "{" + n + "}";
      if (of(key) == slot) {
        return key;
      }
    }
  }

  private static int indexOf(byte[] bytes, byte wanted, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static int crc16(byte[] bytes, int from, int to) {
    int crc = 0;
    for (int i = from; i < to; i++) {
      crc ^= (bytes[i] & 0xff) << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
    }
    return crc & 0xffff;
  }
}
