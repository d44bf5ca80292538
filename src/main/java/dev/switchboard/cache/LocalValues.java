package dev.switchboard.cache;

import com.fasterxml.jackson.databind.JavaType;

import dev.switchboard.cache.local.LocalEntry;

/** Values of in-process entries: the decoded one when the caller asks for the type it was decoded as. */
final class LocalValues {

  private LocalValues() {
  }

  @SuppressWarnings("unchecked")
  static <T> T valueOf(LocalEntry entry, JavaType type, CacheCodec codec) {
    if (type.equals(entry.type())) {
      return (T) entry.value();
    }
    return codec.decode(entry.payload(), type);
  }
}
