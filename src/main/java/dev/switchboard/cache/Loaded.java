package dev.switchboard.cache;

import com.fasterxml.jackson.databind.JavaType;

/** A load's outcome, shared by the callers that waited for it: the value as decoded for {@code type}, and its payload. */
record Loaded(Object value, JavaType type, String payload, CacheStatus status) {

  static Loaded of(Object value, JavaType type, String payload, CacheStatus status) {
    return new Loaded(value, type, payload, status);
  }

  /** The value for a caller that asked for {@code wanted} (decoded again from the payload when it is another type). */
  @SuppressWarnings("unchecked")
  <T> T valueAs(JavaType wanted, CacheCodec codec) {
    return wanted.equals(this.type) ? (T) this.value : codec.decode(this.payload, wanted);
  }
}
