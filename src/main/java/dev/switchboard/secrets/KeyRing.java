package dev.switchboard.secrets;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import dev.switchboard.config.SecretsConfig;

/**
 * The encryption keys by id: the active one (writes) and earlier ones (reads only, until re-encryption). Parsed once;
 * a malformed key fails start-up with the property's name, never with the key in the message.
 */
public final class KeyRing {

  public static final String ACTIVE_PROPERTY = "switchboard.secrets.encryption-key";
  public static final String ACTIVE_ENV = "SWITCHBOARD_SECRETS_ENCRYPTION_KEY";
  static final String PREVIOUS_PROPERTY = "switchboard.secrets.previous-encryption-keys";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private static final int KEY_BYTES = 32;

  private final String activeId;
  private final Map<String, SecretKey> keys;

  KeyRing(String activeId, Map<String, SecretKey> keys) {
    this.activeId = activeId;
    this.keys = Map.copyOf(keys);
  }

  public static KeyRing from(SecretsConfig config) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    String activeId = null;
    if (config.encryptionKey().filter(key -> !key.isBlank()).isPresent()) {
      activeId = id(config.encryptionKeyId(), "switchboard.secrets.encryption-key-id");
      keys.put(activeId, key(config.encryptionKey().get(), ACTIVE_PROPERTY));
    }
    for (String entry : config.previousEncryptionKeys().orElse(List.of())) {
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        throw new IllegalStateException(PREVIOUS_PROPERTY + " entries must be <id>:<base64 key>");
      }
      String id = id(entry.substring(0, colon).trim(), PREVIOUS_PROPERTY);
      if (keys.putIfAbsent(id, key(entry.substring(colon + 1), PREVIOUS_PROPERTY)) != null) {
        throw new IllegalStateException("Key id " + id + " appears twice in " + ACTIVE_PROPERTY + " and " + PREVIOUS_PROPERTY);
      }
    }
    return new KeyRing(activeId, keys);
  }

  /** Whether a key to write with is configured. */
  public boolean canEncrypt() {
    return this.activeId != null;
  }

  /** The id new ciphertexts are written under. */
  public Optional<String> activeId() {
    return Optional.ofNullable(this.activeId);
  }

  Optional<SecretKey> key(String id) {
    return Optional.ofNullable(this.keys.get(id));
  }

  /** The one line start-up and the admin API give when a key is needed and none is set. */
  public static String missingKeyMessage(String why) {
    return why + ": set " + ACTIVE_PROPERTY + " (env " + ACTIVE_ENV + ") to a base64 256-bit key, e.g. from openssl rand -base64 32";
  }

  private static String id(String id, String property) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalStateException(property + ": a key id is 1 to 32 letters, digits, - or _");
    }
    return id;
  }

  private static SecretKey key(String base64, String property) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(property + " is not valid base64");
    }
    if (bytes.length != KEY_BYTES) {
      throw new IllegalStateException(property + " must be 32 bytes (256 bits) in base64, not " + bytes.length + " bytes");
    }
    return new SecretKeySpec(bytes, "AES");
  }
}
