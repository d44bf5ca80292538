package dev.switchboard.tenant;

import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.secrets.KeyRing;
import dev.switchboard.secrets.SecretCipher;
import dev.switchboard.tenant.TenantRegistryException.Kind;
import dev.switchboard.tenant.TenantStore.Saved;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Writes registry records: a change is read, applied and saved with the revision it read (a concurrent write makes
 * it read again), then applied to this replica at once and announced to the others. Refuses writes to configured
 * tenants (read-only) and phone-number ids or tokens a configured tenant holds (Redis checks the registry's own).
 */
@ApplicationScoped
class TenantWriter {

  private static final int ATTEMPTS = 5;

  private final TenantStore store;
  private final TenantSync sync;
  private final TenantDirectory directory;
  private final SecretCipher cipher;
  private final boolean enabled;

  TenantWriter(TenantStore store, TenantSync sync, TenantDirectory directory, SecretCipher cipher, SwitchboardConfig config) {
    this.store = store;
    this.sync = sync;
    this.directory = directory;
    this.cipher = cipher;
    this.enabled = config.tenantRegistry().enabled();
  }

  /** Creates a tenant; {@code importing} lets a configured tenant's id in (its copy in the registry). */
  Uni<TenantRecord> create(TenantRecord record, boolean importing) {
    return Uni.createFrom().deferred(() -> {
      if (!importing) {
        writable(record.id());
      }
      unique(record);
      return this.store.save(record, true).map(saved -> {
        if (saved instanceof Saved.Ok ok) {
          return written(record, ok);
        }
        if (saved instanceof Saved.Exists) {
          throw new TenantRegistryException(Kind.EXISTS, "Tenant " + record.id() + " exists already");
        }
        throw refused(record, saved);
      });
    });
  }

  /** Reads the tenant, applies {@code change} and saves it; again from the read when another write came between. */
  Uni<TenantRecord> mutate(String id, boolean evenDeleted, UnaryOperator<TenantRecord> change) {
    return Uni.createFrom().deferred(() -> {
      writable(id);
      return attempt(id, evenDeleted, change, 1);
    });
  }

  private Uni<TenantRecord> attempt(String id, boolean evenDeleted, UnaryOperator<TenantRecord> change, int attempt) {
    return read(id).chain(current -> {
      if (current.state() == Tenant.State.DELETED && !evenDeleted) {
        throw new TenantRegistryException(Kind.DELETED, "Tenant " + id + " is deleted");
      }
      TenantRecord changed = change.apply(current);
      unique(changed);
      return this.store.save(changed, false).chain(saved -> {
        if (saved instanceof Saved.Ok ok) {
          return Uni.createFrom().item(written(changed, ok));
        }
        if (saved instanceof Saved.Stale) {
          if (attempt < ATTEMPTS) {
            return attempt(id, evenDeleted, change, attempt + 1);
          }
          throw new TenantRegistryException(Kind.BUSY, "Tenant " + id + " is being changed by others; retry");
        }
        if (saved instanceof Saved.Missing) {
          throw notFound(id);
        }
        throw refused(changed, saved);
      });
    });
  }

  Uni<TenantRecord> read(String id) {
    return this.store.find(id).map(found -> found.orElseThrow(() -> notFound(id)));
  }

  Uni<Optional<TenantRecord>> find(String id) {
    return this.store.find(id);
  }

  /** Encrypts a Graph access token for the tenant; refused when no key is configured. */
  String encrypt(String tenantId, String accessToken) {
    if (!this.cipher.keys().canEncrypt()) {
      throw new TenantRegistryException(Kind.NO_ENCRYPTION_KEY, KeyRing.missingKeyMessage("The tenant registry stores Graph tokens encrypted"));
    }
    return this.cipher.encrypt(accessToken, TenantEntries.accessTokenContext(tenantId));
  }

  void requireKey() {
    if (!this.cipher.keys().canEncrypt()) {
      throw new TenantRegistryException(Kind.NO_ENCRYPTION_KEY, KeyRing.missingKeyMessage("The tenant registry needs an encryption key"));
    }
  }

  SecretCipher cipher() {
    return this.cipher;
  }

  private TenantRecord written(TenantRecord record, Saved.Ok ok) {
    TenantRecord stored = new TenantRecord(record.id(), record.displayName(), record.phoneNumberId(), record.wabaId(), record.accessToken(),
        record.accessTokenUpdatedAt(), record.apiTokens(), record.rateLimit(), record.maxConcurrency(), record.apiRateLimit(),
        record.state(), record.queuedSends(), record.createdAt(), record.updatedAt(), record.purgeAt(), ok.rev());
    this.sync.applyWritten(stored);
    this.store.announce(ok.version()).subscribe().with(ignored -> { },
        failure -> Log.debugf("Tenant change %d not announced (%s); replicas see it at their next check", ok.version(), failure.getMessage()));
    return stored;
  }

  private void writable(String id) {
    if (!this.enabled) {
      throw new TenantRegistryException(Kind.DISABLED, "The tenant registry is switched off (switchboard.tenant-registry.enabled=false)");
    }
    if (this.directory.configured().containsKey(id)) {
      throw new TenantRegistryException(Kind.READ_ONLY, "Tenant " + id + " comes from configuration (switchboard.tenants." + id
          + ".*) and is read-only here");
    }
  }

  private void unique(TenantRecord record) {
    for (TenantEntry configured : this.directory.configured().values()) {
      if (configured.id().equals(record.id())) {
        continue; // its own copy, being imported
      }
      if (record.phoneNumberId() != null && configured.tenant().phoneNumberId().filter(record.phoneNumberId()::equals).isPresent()) {
        throw phoneTaken(record, configured.id());
      }
      for (ApiToken token : configured.apiTokens()) {
        if (record.apiTokens().stream().anyMatch(mine -> mine.digest().equals(token.digest()))) {
          throw new TenantRegistryException(Kind.API_TOKEN_TAKEN, "This API token belongs to another tenant");
        }
      }
    }
  }

  private static TenantRegistryException refused(TenantRecord record, Saved saved) {
    if (saved instanceof Saved.PhoneTaken taken) {
      return phoneTaken(record, taken.owner());
    }
    if (saved instanceof Saved.TokenTaken) {
      return new TenantRegistryException(Kind.API_TOKEN_TAKEN, "This API token belongs to another tenant");
    }
    return new TenantRegistryException(Kind.BUSY, "Unexpected answer of the registry: " + saved);
  }

  private static TenantRegistryException phoneTaken(TenantRecord record, String owner) {
    return new TenantRegistryException(Kind.PHONE_NUMBER_TAKEN, "Phone-number id " + record.phoneNumberId() + " belongs to tenant " + owner);
  }

  static TenantRegistryException notFound(String id) {
    return new TenantRegistryException(Kind.NOT_FOUND, "No tenant " + id);
  }
}
