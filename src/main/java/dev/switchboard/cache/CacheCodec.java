package dev.switchboard.cache;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.cache.store.Payloads;

/** Cache values as JSON through the application's Jackson mapper, with the payload header of {@link Payloads}. */
@Singleton // no client proxy: its methods sit on the read path of every cache call
public class CacheCodec {

  private final ObjectMapper mapper;

  public CacheCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public JavaType type(Class<?> type) {
    return this.mapper.constructType(type);
  }

  public JavaType type(TypeReference<?> type) {
    return this.mapper.getTypeFactory().constructType(type);
  }

  public String encode(Object value, long logicalExpiry) {
    try {
      return Payloads.encode(logicalExpiry, this.mapper.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cache value cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The value of a live payload as {@code type}. */
  public <T> T decode(String payload, JavaType type) {
    try {
      return this.mapper.readValue(Payloads.json(payload), type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cache entry is not a " + type + ": " + e.getOriginalMessage(), e);
    }
  }

  /** True when the payload holds a value that has not reached its logical expiry. */
  public static boolean isFresh(String payload, long now) {
    if (payload == null || Payloads.isTombstone(payload)) {
      return false;
    }
    long expiry = Payloads.logicalExpiry(payload);
    return expiry == 0 || expiry > now;
  }

  /** True when the payload holds a value at all (fresh, or past its TTL and within its grace). */
  public static boolean isValue(String payload) {
    return payload != null && !Payloads.isTombstone(payload);
  }
}
