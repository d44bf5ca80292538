package dev.switchboard.tenant;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.TenantRegistryConfig;
import dev.switchboard.support.Digests;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The tenant registry's service API, for the admin API (and the CLI and dashboard): list and read tenants, create,
 * change numbers and limits, disable, enable and delete. Reads come from Redis, so every replica answers the same at
 * once; configured tenants appear as read-only entries ({@code source: config}). Tokens: {@link TenantCredentials}.
 */
@ApplicationScoped
public class TenantRegistry {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final TenantWriter writer;
  private final TenantStore store;
  private final TenantDirectory directory;
  private final TenantRegistryConfig settings;

  TenantRegistry(TenantWriter writer, TenantStore store, TenantDirectory directory, SwitchboardConfig config) {
    this.writer = writer;
    this.store = store;
    this.directory = directory;
    this.settings = config.tenantRegistry();
  }

  /** One page of tenants in id order, configured and registry ones together; {@code nextCursor} null at the end. */
  public record Page(List<TenantView> tenants, String nextCursor) {
  }

  /** A new tenant, with its first API token when Switchboard made it (shown this once), else null. */
  public record Created(TenantView tenant, String apiToken) {
  }

  /** What a new tenant starts with; {@code apiToken} null lets Switchboard make one. */
  public record NewTenant(String id, TenantRecord.Profile profile, String accessToken, String apiToken, boolean enabled) {
  }

  public Uni<Page> list(String cursor, int limit) {
    Map<String, TenantView> merged = new TreeMap<>();
    (cursor == null ? this.directory.configured() : this.directory.configured().tailMap(cursor, false)).values().stream()
        .limit(limit + 1L).forEach(entry -> merged.put(entry.id(), TenantView.of(entry)));
    return this.store.ids(cursor, limit + 1).chain(ids -> this.store.findAll(ids).map(records -> {
      long now = System.currentTimeMillis();
      records.forEach(record -> merged.putIfAbsent(record.id(), TenantView.of(record, now)));
      List<TenantView> page = new ArrayList<>(merged.values()).subList(0, Math.min(limit, merged.size()));
      boolean more = merged.size() > limit || ids.size() > limit;
      return new Page(List.copyOf(page), more && !page.isEmpty() ? page.get(page.size() - 1).id() : null);
    }));
  }

  public Uni<Optional<TenantView>> get(String id) {
    TenantEntry configured = this.directory.configured().get(id);
    if (configured != null) {
      return Uni.createFrom().item(Optional.of(TenantView.of(configured)));
    }
    return this.store.find(id).map(found -> found.map(record -> TenantView.of(record, System.currentTimeMillis())));
  }

  public Uni<Created> create(NewTenant input) {
    return Uni.createFrom().deferred(() -> {
      this.writer.requireKey();
      long now = System.currentTimeMillis();
      String issued = input.apiToken() == null ? newApiToken() : null;
      String token = issued != null ? issued : input.apiToken();
      TenantRecord.Profile p = input.profile();
      TenantRecord record = new TenantRecord(input.id(), p.displayName(), p.phoneNumberId(), p.wabaId(),
          input.accessToken() == null ? null : this.writer.encrypt(input.id(), input.accessToken()), input.accessToken() == null ? 0 : now,
          List.of(new ApiToken(Digests.sha256Hex(token), now, 0)), p.rateLimit(), p.maxConcurrency(), p.apiRateLimit(),
          input.enabled() ? Tenant.State.ACTIVE : Tenant.State.DISABLED, input.enabled() ? Tenant.QueuedSends.SEND : Tenant.QueuedSends.HOLD,
          now, now, 0, 0);
      return this.writer.create(record, false).map(saved -> {
        Log.infof("Tenant %s created (%s, phone-number id %s, access token %s): 1 tenant", saved.id(), saved.state().name().toLowerCase(),
            saved.phoneNumberId() == null ? "none" : saved.phoneNumberId(), saved.accessToken() == null ? "unset" : "set");
        return new Created(TenantView.of(saved, now), issued);
      });
    });
  }

  /** Changes name, numbers and limits: each field of the patch that is present, null clearing optional ones. */
  public Uni<TenantView> update(String id, java.util.function.UnaryOperator<TenantRecord.Profile> patch) {
    return this.writer.mutate(id, false, current -> current.withProfile(patch.apply(current.profile()), System.currentTimeMillis()))
        .map(saved -> {
          Log.infof("Tenant %s updated (phone-number id %s, rate %d/s, concurrency %d): 1 tenant", id,
              saved.phoneNumberId() == null ? "none" : saved.phoneNumberId(), saved.rateLimit(), saved.maxConcurrency());
          return TenantView.of(saved, System.currentTimeMillis());
        });
  }

  /** 403 on the API from now on (every replica within a second); queued sends wait ({@code HOLD}) or go dead. */
  public Uni<TenantView> disable(String id, Tenant.QueuedSends queued) {
    if (queued == Tenant.QueuedSends.SEND) {
      throw new IllegalArgumentException("a disabled tenant's queued sends wait or go dead");
    }
    return state(id, Tenant.State.DISABLED, queued, 0, "disabled (queued sends: " + queued.name().toLowerCase() + ")");
  }

  public Uni<TenantView> enable(String id) {
    return state(id, Tenant.State.ACTIVE, Tenant.QueuedSends.SEND, 0, "enabled");
  }

  /**
   * Deletes the tenant: its API tokens stop at once. With {@code drain} its queued sends still go out (its number and
   * Graph token are kept for {@code deleted-retention}), otherwise they go dead; then the tombstone is purged.
   */
  public Uni<TenantView> delete(String id, boolean drain) {
    long purgeAt = System.currentTimeMillis() + this.settings.deletedRetention().toMillis();
    return this.writer.mutate(id, false, current -> {
      long now = System.currentTimeMillis();
      TenantRecord gone = current.withApiTokens(List.of(), now)
          .withState(Tenant.State.DELETED, drain ? Tenant.QueuedSends.SEND : Tenant.QueuedSends.DEAD, purgeAt, now);
      // a dead tenant's number and Graph token are of no further use: free the number for another tenant at once
      return drain ? gone : gone.withAccessToken(null, now).withProfile(new TenantRecord.Profile(gone.displayName(), null,
          gone.wabaId(), gone.rateLimit(), gone.maxConcurrency(), gone.apiRateLimit()), now);
    }).map(saved -> {
      Log.infof("Tenant %s deleted: API tokens revoked, queued sends %s, tombstone purged at %s: 1 tenant", id,
          drain ? "drain (still go out)" : "go dead", java.time.Instant.ofEpochMilli(purgeAt));
      return TenantView.of(saved, System.currentTimeMillis());
    });
  }

  private Uni<TenantView> state(String id, Tenant.State state, Tenant.QueuedSends queued, long purgeAt, String what) {
    return this.writer.mutate(id, false, current -> current.withState(state, queued, purgeAt, System.currentTimeMillis()))
        .map(saved -> {
          Log.infof("Tenant %s %s: 1 tenant", id, what);
          return TenantView.of(saved, System.currentTimeMillis());
        });
  }

  static String newApiToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "sbt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
