package dev.switchboard.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * Keys that encrypt the Graph access tokens kept in the tenant registry ({@code switchboard.secrets.*}). A key is
 * 32 random bytes in base64 ({@code openssl rand -base64 32}); each has an id that is stored beside every ciphertext,
 * so a new key can take over while tokens written under the old one still decrypt until they are re-encrypted.
 */
public interface SecretsConfig {

  /** The active key (base64, 256-bit): new and re-encrypted tokens are written under it. Required once tenants live in Redis. */
  Optional<String> encryptionKey();

  /** Id of the active key, stored with each ciphertext (letters, digits, {@code -}, {@code _}). Defaults to {@code k1} */
  @WithDefault("k1")
  String encryptionKeyId();

  /** Earlier keys, {@code <id>:<base64>} each, comma-separated: read only, until re-encryption moved every token off them. */
  Optional<List<String>> previousEncryptionKeys();
}
