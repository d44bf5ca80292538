package dev.switchboard.cache.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stored form of a cache entry, the same in Redis and in memory: {@code <logical expiry, epoch ms>|<JSON>}
 * ({@code 0|…} never expires logically), a bare counter ({@code 42}), or a delete's tombstone ({@code ~<token>}).
 * A JSON document never starts with digits followed by {@code |}, so the forms cannot be confused.
 */
public final class Payloads {

  public static final char TOMBSTONE = '~';

  private Payloads() {
  }

  public static String encode(long logicalExpiry, String json) {
    return logicalExpiry + "|" + json;
  }

  public static boolean isTombstone(String payload) {
    return payload != null && !payload.isEmpty() && payload.charAt(0) == TOMBSTONE;
  }

  /** Index of the {@code |} ending the header, or -1 when the payload has none (a counter or bare JSON). */
  public static int headerEnd(String payload) {
    int length = payload.length();
    int i = 0;
    while (i < length && i < 20 && Character.isDigit(payload.charAt(i))) {
      i++;
    }
    return i > 0 && i < length && payload.charAt(i) == '|' ? i : -1;
  }

  /** The logical expiry (epoch ms) of a payload with a header; 0 for none. */
  public static long logicalExpiry(String payload) {
    int end = headerEnd(payload);
    return end < 0 ? 0 : Long.parseLong(payload, 0, end, 10);
  }

  /** The payload with a new logical expiry; one without header stays as it is. */
  public static String withExpiry(String payload, long logicalExpiry) {
    int end = headerEnd(payload);
    return end < 0 ? payload : logicalExpiry + payload.substring(end);
  }

  /** The JSON part. */
  public static String json(String payload) {
    int end = headerEnd(payload);
    return end < 0 ? payload : payload.substring(end + 1);
  }

  /** SHA-1 hex, as Lua's {@code redis.sha1hex} computes it; "" for no payload. */
  public static String sha1(String payload) {
    if (payload == null) {
      return "";
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
