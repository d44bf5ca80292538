package dev.switchboard.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.switchboard.config.SecretsConfig;

class SecretCipherTest {

  static final String K1 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
  static final String K2 = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());
  static final String TOKEN = "EAAGm0PX4ZCpsBAGraphTokenOfAcme";

  @Test
  void shouldDecryptWhatItEncryptedAndNeverShowThePlaintext() {
    SecretCipher cipher = cipher(K1, "k1", null);
    String sealed = cipher.encrypt(TOKEN, "tenant:acme");

    assertThat(sealed).startsWith("k1:").doesNotContain(TOKEN);
    assertThat(cipher.decrypt(sealed, "tenant:acme")).isEqualTo(TOKEN);
    // a fresh IV each time: the same token never gives the same ciphertext twice
    assertThat(cipher.encrypt(TOKEN, "tenant:acme")).isNotEqualTo(sealed);
    assertThat(cipher.isCurrent(sealed)).isTrue();
  }

  @Test
  void shouldRefuseACiphertextMovedToAnotherTenantOrAltered() {
    SecretCipher cipher = cipher(K1, "k1", null);
    String sealed = cipher.encrypt(TOKEN, "tenant:acme");
    int at = "k1:".length() + 20; // inside the ciphertext, away from base64 padding
    String altered = sealed.substring(0, at) + (sealed.charAt(at) == 'A' ? 'B' : 'A') + sealed.substring(at + 1);

    assertThatThrownBy(() -> cipher.decrypt(sealed, "tenant:globex")).isInstanceOf(SecretCipher.SecretException.class)
        .hasMessageNotContaining(TOKEN);
    assertThatThrownBy(() -> cipher.decrypt(altered, "tenant:acme")).isInstanceOf(SecretCipher.SecretException.class);
  }

  @Test
  void shouldReadOldCiphertextsAfterARotationAndWriteNewOnesUnderTheNewKey() {
    String underK1 = cipher(K1, "k1", null).encrypt(TOKEN, "tenant:acme");
    SecretCipher rotated = cipher(K2, "k2", List.of("k1:" + K1));

    assertThat(rotated.decrypt(underK1, "tenant:acme")).isEqualTo(TOKEN);
    assertThat(rotated.isCurrent(underK1)).isFalse();
    String underK2 = rotated.encrypt(rotated.decrypt(underK1, "tenant:acme"), "tenant:acme");
    assertThat(SecretCipher.keyId(underK2)).isEqualTo("k2");

    // once the old key is gone, only what was re-encrypted still opens
    SecretCipher onlyK2 = cipher(K2, "k2", null);
    assertThat(onlyK2.decrypt(underK2, "tenant:acme")).isEqualTo(TOKEN);
    assertThatThrownBy(() -> onlyK2.decrypt(underK1, "tenant:acme")).hasMessageContaining("key k1").hasMessageContaining("not configured");
  }

  @Test
  void shouldNameThePropertyOfABadOrMissingKeyWithoutTheKey() {
    String short16 = Base64.getEncoder().encodeToString("only-sixteen-byt".getBytes());
    assertThatThrownBy(() -> KeyRing.from(config(short16, "k1", null))).hasMessageContaining("switchboard.secrets.encryption-key")
        .hasMessageContaining("32 bytes").hasMessageNotContaining(short16);
    assertThatThrownBy(() -> KeyRing.from(config("not base64!", "k1", null))).hasMessageContaining("not valid base64");
    assertThatThrownBy(() -> KeyRing.from(config(K1, "k1", List.of("k1:" + K2)))).hasMessageContaining("appears twice");

    KeyRing none = KeyRing.from(config(null, "k1", null));
    assertThat(none.canEncrypt()).isFalse();
    assertThatThrownBy(() -> new SecretCipher(none).encrypt(TOKEN, "x")).hasMessageContaining("switchboard.secrets.encryption-key")
        .hasMessageContaining("SWITCHBOARD_SECRETS_ENCRYPTION_KEY");
  }

  static SecretCipher cipher(String key, String id, List<String> previous) {
    return new SecretCipher(KeyRing.from(config(key, id, previous)));
  }

  static SecretsConfig config(String key, String id, List<String> previous) {
    return new SecretsConfig() {
      @Override
      public Optional<String> encryptionKey() {
        return Optional.ofNullable(key);
      }

      @Override
      public String encryptionKeyId() {
        return id;
      }

      @Override
      public Optional<List<String>> previousEncryptionKeys() {
        return Optional.ofNullable(previous);
      }
    };
  }
}
