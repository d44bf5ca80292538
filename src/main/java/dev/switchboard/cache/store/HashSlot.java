package dev.switchboard.cache.store;

import java.nio.charset.StandardCharsets;

/**
 * The Redis Cluster hash slot of a key (CRC16/XMODEM of the key, or of its hash tag, modulo 16384), as the cluster
 * specification defines it. Lets bulk operations group keys by slot and by master before they leave the replica.
 */
public final class HashSlot {

  public static final int SLOTS = 16384;
  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int crc = i << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
      TABLE[i] = crc & 0xFFFF;
    }
  }

  private HashSlot() {
  }

  public static int of(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    int start = 0;
    int end = bytes.length;
    // a hash tag: the bytes between the first '{' and the first '}' after it, when there is at least one
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '{') {
        for (int j = i + 1; j < bytes.length; j++) {
          if (bytes[j] == '}') {
            if (j > i + 1) {
              start = i + 1;
              end = j;
            }
            break;
          }
        }
        break;
      }
    }
    return crc16(bytes, start, end) & (SLOTS - 1);
  }

  static int crc16(byte[] bytes, int from, int to) {
    int crc = 0;
    for (int i = from; i < to; i++) {
      crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ bytes[i]) & 0xFF]) & 0xFFFF;
    }
    return crc;
  }
}
