package dev.switchboard.cache.local;

/**
 * An in-process entry: the stored payload (null: the key is known to be absent), its logical expiry (epoch ms, 0:
 * none) and the value decoded from it as {@code type}, shared by every reader: values must be immutable.
 */
public record LocalEntry(String payload, long expiresAt, Object value, Object type) {
}
