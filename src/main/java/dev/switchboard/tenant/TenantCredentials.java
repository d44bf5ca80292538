package dev.switchboard.tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.secrets.SecretCipher;
import dev.switchboard.support.Digests;
import dev.switchboard.tenant.TenantRegistryException.Kind;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A registry tenant's secrets: API tokens (issued with an overlap so clients rotate without downtime, revoked by id;
 * only digests are stored), the Graph access token (encrypted), re-encryption under the active key, and the import
 * of configured tenants into the registry. No answer and no log line carries a token, except the one answer that
 * issues it.
 */
@ApplicationScoped
public class TenantCredentials {

  /** Valid API tokens a tenant may hold at once (the newest plus those still in their overlap). */
  public static final int MAX_TOKENS = 10;

  private final TenantWriter writer;
  private final TenantStore store;
  private final TenantDirectory directory;

  TenantCredentials(TenantWriter writer, TenantStore store, TenantDirectory directory) {
    this.writer = writer;
    this.store = store;
    this.directory = directory;
  }

  /** A new API token, shown this once; the earlier ones stay valid until {@code previousValidUntil}. */
  public record IssuedToken(String token, String tokenId, Instant previousValidUntil, TenantView tenant) {
  }

  /** What a re-encryption did: tenants moved to the active key, already there, and ids it could not decrypt. */
  public record ReEncryption(String keyId, int reEncrypted, int alreadyCurrent, List<String> failed) {
  }

  /** What an import did: tenants copied into the registry, and ids that were there already. */
  public record Import(int imported, List<String> skipped) {
  }

  public Uni<IssuedToken> issueApiToken(String id, Duration keepPrevious) {
    String token = TenantRegistry.newApiToken();
    ApiToken issued = new ApiToken(Digests.sha256Hex(token), System.currentTimeMillis(), 0);
    long until = System.currentTimeMillis() + keepPrevious.toMillis();
    return this.writer.mutate(id, false, current -> {
      long now = System.currentTimeMillis();
      List<ApiToken> tokens = new ArrayList<>();
      for (ApiToken previous : current.validTokens(now)) {
        if (!keepPrevious.isZero()) {
          tokens.add(previous.expiresAt() != 0 && previous.expiresAt() < until ? previous : previous.expiringAt(until));
        }
      }
      if (tokens.size() + 1 > MAX_TOKENS) {
        throw new TenantRegistryException(Kind.TOO_MANY_TOKENS, "Tenant " + id + " holds " + tokens.size()
            + " valid API tokens; revoke one or issue with a shorter keepPreviousFor");
      }
      tokens.add(issued);
      return current.withApiTokens(tokens, now);
    }).map(saved -> {
      int kept = saved.apiTokens().size() - 1;
      Log.infof("Tenant %s: API token %s issued, %d earlier one(s) valid until %s", id, issued.id(), kept,
          kept == 0 ? "-" : Instant.ofEpochMilli(until));
      return new IssuedToken(token, issued.id(), kept == 0 ? null : Instant.ofEpochMilli(until), TenantView.of(saved, System.currentTimeMillis()));
    });
  }

  public Uni<TenantView> revokeApiToken(String id, String tokenId) {
    return this.writer.mutate(id, false, current -> {
      long now = System.currentTimeMillis();
      List<ApiToken> left = current.validTokens(now).stream().filter(token -> !token.id().equals(tokenId)).toList();
      if (left.size() == current.validTokens(now).size()) {
        throw new TenantRegistryException(Kind.NOT_FOUND, "Tenant " + id + " has no valid API token " + tokenId);
      }
      return current.withApiTokens(left, now);
    }).map(saved -> {
      Log.infof("Tenant %s: API token %s revoked, %d left", id, tokenId, saved.apiTokens().size());
      return TenantView.of(saved, System.currentTimeMillis());
    });
  }

  public Uni<TenantView> replaceAccessToken(String id, String accessToken) {
    return Uni.createFrom().deferred(() -> {
      String ciphertext = this.writer.encrypt(id, accessToken);
      return this.writer.mutate(id, false, current -> current.withAccessToken(ciphertext, System.currentTimeMillis()));
    }).map(saved -> {
      Log.infof("Tenant %s: Graph access token replaced (key %s): 1 tenant", id, SecretCipher.keyId(saved.accessToken()));
      return TenantView.of(saved, System.currentTimeMillis());
    });
  }

  /** Moves every registry tenant's Graph token to the active key, one tenant at a time (only those not on it yet are written). */
  public Uni<ReEncryption> reEncrypt() {
    return Uni.createFrom().deferred(() -> {
      this.writer.requireKey();
      SecretCipher cipher = this.writer.cipher();
      String keyId = cipher.keys().activeId().orElseThrow();
      List<String> failed = new ArrayList<>();
      int[] counts = new int[2]; // re-encrypted, already current
      return this.store.allIds().onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
          .onItem().transformToUniAndConcatenate(id -> this.store.find(id).chain(found -> {
            if (found.isEmpty() || found.get().accessToken() == null || cipher.isCurrent(found.get().accessToken())) {
              counts[1]++;
              return Uni.createFrom().voidItem();
            }
            return this.writer.mutate(id, true, current -> current.accessToken() == null || cipher.isCurrent(current.accessToken())
                ? current
                : current.withCiphertext(cipher.encrypt(cipher.decrypt(current.accessToken(), TenantEntries.accessTokenContext(id)),
                    TenantEntries.accessTokenContext(id)), System.currentTimeMillis()))
                .invoke(saved -> counts[0]++).replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                  failed.add(id);
                  Log.errorf("Tenant %s: Graph access token not re-encrypted: %s", id, failure.getMessage());
                  return null;
                });
          }))
          .collect().asList()
          .map(all -> {
            Log.infof("Re-encrypted the Graph access tokens of %d tenant(s) under key %s (%d on it already, %d failed)", counts[0], keyId,
                counts[1], failed.size());
            return new ReEncryption(keyId, counts[0], counts[1], List.copyOf(failed));
          });
    });
  }

  /** Copies every configured tenant the registry does not hold yet into it (the API token as its digest). */
  public Uni<Import> importConfigured() {
    return Uni.createFrom().deferred(() -> {
      this.writer.requireKey();
      List<String> skipped = new ArrayList<>();
      return Multi.createFrom().iterable(List.copyOf(this.directory.configured().values()))
          .onItem().transformToUniAndConcatenate(entry -> this.store.find(entry.id()).chain(existing -> {
            if (existing.isPresent()) {
              skipped.add(entry.id());
              return Uni.createFrom().item(false);
            }
            return this.writer.create(copy(entry), true).replaceWith(true);
          }))
          .collect().asList()
          .map(done -> {
            int imported = (int) done.stream().filter(Boolean::booleanValue).count();
            Log.infof("Imported %d configured tenant(s) into the registry (%d there already)", imported, skipped.size());
            return new Import(imported, List.copyOf(skipped));
          });
    });
  }

  private TenantRecord copy(TenantEntry entry) {
    Tenant t = entry.tenant();
    long now = System.currentTimeMillis();
    String ciphertext = t.accessToken().map(token -> this.writer.encrypt(t.id(), token)).orElse(null);
    return new TenantRecord(t.id(), t.displayName(), t.phoneNumberId().orElse(null), t.wabaId().orElse(null), ciphertext,
        ciphertext == null ? 0 : now, entry.apiTokens().stream().map(token -> new ApiToken(token.digest(), now, 0)).toList(),
        t.rateLimit(), t.maxConcurrency(), t.apiRateLimit().orElse(null), Tenant.State.ACTIVE, Tenant.QueuedSends.SEND, now, now, 0, 0);
  }
}
