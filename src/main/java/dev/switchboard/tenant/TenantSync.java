package dev.switchboard.tenant;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.TenantRegistryConfig;
import dev.switchboard.secrets.KeyRing;
import dev.switchboard.secrets.SecretCipher;
import dev.switchboard.support.LogThrottle;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Keeps this replica's {@link TenantDirectory} equal to the registry in Redis. At start-up it loads every tenant
 * (start-up waits for it, and fails when tenants live in Redis but no encryption key is configured). Then a change
 * reaches it two ways: the writer announces the new version on pub/sub (milliseconds), and every
 * {@code resync-interval} the replica reads the version anyway, so a lost message or a dropped subscription delays a
 * change by at most that long. Either way it reads the change log from its own version on and reloads only the
 * tenants that changed; a replica further behind than the log reaches reloads everything.
 */
@ApplicationScoped
public class TenantSync {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final int PURGE_EVERY_TICKS = 10;
  private static final LogThrottle MISSING_KEY_LOG = new LogThrottle(Duration.ofMinutes(1));

  private final TenantStore store;
  private final TenantDirectory directory;
  private final TenantEntries entries;
  private final TenantRegistryConfig settings;
  private final KeyRing keys;
  private final Event<TenantChange> changes;
  private final Vertx vertx;
  private final AtomicBoolean syncing = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private volatile long version = -1;
  private volatile String notLoaded = "not loaded yet";
  private volatile boolean stopped;
  private long ticks;

  public TenantSync(TenantStore store, TenantDirectory directory, TenantEntries entries, SwitchboardConfig config, SecretCipher cipher,
      Event<TenantChange> changes, Vertx vertx) {
    this.store = store;
    this.directory = directory;
    this.entries = entries;
    this.settings = config.tenantRegistry();
    this.keys = cipher.keys();
    this.changes = changes;
    this.vertx = vertx;
  }

  void onStart(@Observes StartupEvent event) {
    if (!this.settings.enabled()) {
      this.notLoaded = null;
      return;
    }
    try {
      reload().await().atMost(START_TIMEOUT);
    } catch (MissingKeyException e) {
      Log.error(e.getMessage());
      throw e; // refuse to start: serving without the registry's tenants would be an outage in disguise
    } catch (RuntimeException e) {
      Log.warnf("Tenant registry not loaded at start-up (%s); retrying every %s, readiness stays down until then",
          e.getMessage(), this.settings.resyncInterval());
    }
    subscribe();
    this.vertx.setPeriodic(this.settings.resyncInterval().toMillis(), id -> tick());
  }

  void onStop(@Observes ShutdownEvent event) {
    this.stopped = true;
  }

  /** Why the registry is not loaded, or null once it is (or when it is switched off). */
  public String notLoaded() {
    return this.notLoaded;
  }

  /** Applies a record this replica just wrote, so its own next request sees it at once. */
  public void applyWritten(TenantRecord record) {
    apply(record.id(), Optional.of(record));
  }

  /** Catch up now (after a write here, or when pub/sub announced a version). */
  public void requestSync() {
    if (this.stopped || this.version < 0) {
      return;
    }
    this.again.set(true);
    if (!this.syncing.compareAndSet(false, true)) {
      return; // the running catch-up looks again when it ends
    }
    this.again.set(false);
    catchUp().subscribe().with(ignored -> syncDone(), failure -> {
      Log.debugf("Tenant registry catch-up failed: %s", failure.getMessage());
      syncDone();
    });
  }

  private void syncDone() {
    this.syncing.set(false);
    if (this.again.get()) {
      requestSync();
    }
  }

  private void tick() {
    if (this.stopped) {
      return;
    }
    if (this.version < 0) {
      // not loaded yet (Redis was away at start-up): one attempt at a time, the key error once a minute
      if (this.syncing.compareAndSet(false, true)) {
        reload().subscribe().with(ignored -> this.syncing.set(false), failure -> {
          this.syncing.set(false);
          if (failure instanceof MissingKeyException && MISSING_KEY_LOG.allow("key")) {
            Log.error(failure.getMessage());
          }
        });
      }
      return;
    }
    requestSync();
    if (++this.ticks % PURGE_EVERY_TICKS == 0) {
      purgeDue();
    }
  }

  private Uni<Void> catchUp() {
    long from = this.version;
    return this.store.since(from).chain(changes -> {
      if (changes.reload()) {
        return reload(); // the log does not reach back to us, too much changed, or the registry was reset
      }
      changes.changed().forEach(this::apply);
      this.version = Math.max(this.version, changes.version());
      if (!changes.changed().isEmpty()) {
        Log.debugf("Tenant registry at version %d: %d tenant(s) reloaded", changes.version(), changes.changed().size());
      }
      return Uni.createFrom().voidItem();
    });
  }

  /** Loads the whole registry: at start-up, and when this replica fell behind the change log. */
  Uni<Void> reload() {
    long start = System.nanoTime();
    return this.store.version().chain(current -> this.store.allIds().chain(ids -> {
      if (!ids.isEmpty() && !this.keys.canEncrypt()) {
        return Uni.createFrom().failure(new MissingKeyException(KeyRing.missingKeyMessage(
            "The tenant registry in Redis holds " + ids.size() + " tenant(s) but no encryption key is configured")));
      }
      return this.store.findAll(ids).invoke(records -> {
        List<TenantEntry> loaded = records.stream().map(this.entries::entry).toList();
        this.directory.replaceRegistry(loaded).forEach(id -> this.changes.fire(new TenantChange(id, Optional.empty(), Optional.empty())));
        this.version = current.version();
        this.notLoaded = null;
        Log.infof("Loaded %d tenant(s) from the registry in %d ms (version %d)", loaded.size(),
            (System.nanoTime() - start) / 1_000_000, current.version());
      });
    })).onFailure().invoke(failure -> this.notLoaded = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage())
        .replaceWithVoid();
  }

  private synchronized void apply(String id, Optional<TenantRecord> record) {
    Optional<TenantEntry> current = this.directory.registryEntry(id);
    if (record.isEmpty()) {
      this.directory.remove(id).ifPresent(gone -> this.changes.fire(new TenantChange(id, Optional.of(gone.tenant()), Optional.empty())));
      return;
    }
    TenantEntry entry = this.entries.entry(record.get());
    if (current.isPresent() && !entry.supersedes(current.get())) {
      return; // an older read than what this replica already applied
    }
    this.directory.put(entry);
    this.changes.fire(new TenantChange(id, current.map(TenantEntry::tenant), Optional.of(entry.tenant())));
  }

  private void purgeDue() {
    long now = System.currentTimeMillis();
    this.directory.registryEntries().stream()
        .filter(entry -> entry.tenant().state() == Tenant.State.DELETED && entry.purgeAt() <= now)
        .map(TenantEntry::id).toList()
        .forEach(id -> this.store.purge(id, now).subscribe().with(purged -> purged.ifPresent(v -> {
          Log.infof("Deleted tenant %s purged from the registry (its tombstone's time was up)", id);
          apply(id, Optional.empty());
          this.store.announce(v).subscribe().with(ignored -> { }, failure -> { });
        }), failure -> Log.debugf("Purge of tenant %s failed: %s", id, failure.getMessage())));
  }

  private void subscribe() {
    this.store.subscribe(announced -> {
      Log.debugf("Tenant registry version %s announced", announced);
      requestSync();
    }, lost -> {
      if (!this.stopped) {
        Log.debugf("Tenant registry subscription lost (%s); the periodic check covers until it is back",
            lost == null ? "ended" : lost.getMessage());
        this.vertx.setTimer(1000, id -> subscribe());
      }
    }).subscribe().with(subscriber -> Log.debugf("Subscribed to tenant registry changes"), failure -> {
      if (!this.stopped) {
        this.vertx.setTimer(1000, id -> subscribe());
      }
    });
  }

  /** Tenants live in Redis but no key is configured to read their Graph tokens. */
  static final class MissingKeyException extends IllegalStateException {
    MissingKeyException(String message) {
      super(message);
    }
  }
}
