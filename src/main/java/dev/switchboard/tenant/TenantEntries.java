package dev.switchboard.tenant;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.secrets.SecretCipher;
import io.quarkus.logging.Log;

/**
 * Turns stored registry records into in-memory entries: the Graph access token decrypted once here, so a send does
 * not pay for it. A token that does not decrypt (its key is gone, or the record was altered) leaves the tenant
 * without one: its sends are refused with 422 until the token is replaced, and an error says why, once.
 */
@ApplicationScoped
public class TenantEntries {

  private final SecretCipher cipher;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  public TenantEntries(SecretCipher cipher) {
    this.cipher = cipher;
  }

  /** The associated data an access token ciphertext is bound to: it opens for its own tenant only. */
  public static String accessTokenContext(String tenantId) {
    return "switchboard:tenant:" + tenantId + ":access-token";
  }

  public TenantEntry entry(TenantRecord record) {
    Tenant tenant = new Tenant(record.id(), record.displayName(), Optional.ofNullable(record.phoneNumberId()),
        Optional.ofNullable(record.wabaId()), accessToken(record), record.rateLimit(), record.maxConcurrency(),
        Optional.ofNullable(record.apiRateLimit()), Tenant.Source.REGISTRY, record.state(), record.queuedSends());
    return new TenantEntry(tenant, record.apiTokens(), record.purgeAt(), record.createdAt(), record.rev());
  }

  private Optional<String> accessToken(TenantRecord record) {
    if (record.accessToken() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(this.cipher.decrypt(record.accessToken(), accessTokenContext(record.id())));
    } catch (SecretCipher.SecretException e) {
      if (this.reported.add(record.id() + "@" + record.rev())) {
        Log.errorf("Tenant %s: its Graph access token cannot be decrypted (%s); its sends are refused until it is replaced",
            record.id(), e.getMessage());
      }
      return Optional.empty();
    }
  }
}
