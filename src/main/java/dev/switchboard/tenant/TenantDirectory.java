package dev.switchboard.tenant;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.support.Digests;
import io.quarkus.logging.Log;

/**
 * Every tenant this replica knows, in memory: the configured ones and the registry's (kept in sync by
 * {@link TenantSync}), found by id, by the Bearer token they present or by the phone-number id Meta reports, with no
 * Redis round trip. A configured tenant wins over a registry entry with its id, number or token.
 * <p>
 * API tokens are kept only as SHA-256 digests. A presented token is hashed and looked up by its digest, then the
 * stored digest is compared in constant time: how long a lookup takes depends on digests only, which say nothing
 * usable about any token.
 */
@ApplicationScoped
public class TenantDirectory {

  private final NavigableMap<String, TenantEntry> configured;
  private final Map<String, TenantEntry> registry = new ConcurrentHashMap<>();
  private final Map<String, Tenant> byPhoneNumberId = new ConcurrentHashMap<>();
  private final Map<DigestKey, TokenOwner> byTokenDigest = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  @Inject
  public TenantDirectory(SwitchboardConfig config) {
    this(ConfiguredTenants.read(config));
    Log.infof("%d tenant(s) configured", this.configured.size());
  }

  /** A directory of the given configured tenants (and, until the registry adds some, no others). */
  public TenantDirectory(List<TenantEntry> configured) {
    TreeMap<String, TenantEntry> byId = new TreeMap<>();
    configured.forEach(entry -> byId.put(entry.id(), entry));
    this.configured = Collections.unmodifiableNavigableMap(byId);
    this.configured.values().forEach(this::index);
  }

  public Optional<Tenant> byId(String id) {
    TenantEntry entry = this.configured.get(id);
    if (entry == null) {
      entry = this.registry.get(id);
    }
    return Optional.ofNullable(entry).map(TenantEntry::tenant);
  }

  public Optional<Tenant> byPhoneNumberId(String phoneNumberId) {
    return Optional.ofNullable(this.byPhoneNumberId.get(phoneNumberId));
  }

  /** The tenant whose API token this is, while the token is valid; disabled tenants too (the caller answers 403). */
  public Optional<Tenant> byApiToken(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    byte[] digest = Digests.sha256(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    TokenOwner owner = this.byTokenDigest.get(DigestKey.of(digest));
    if (owner == null || !MessageDigest.isEqual(owner.digest(), digest) || !owner.token().validAt(System.currentTimeMillis())
        || owner.tenant().state() == Tenant.State.DELETED) {
      return Optional.empty();
    }
    return Optional.of(owner.tenant());
  }

  /** Every tenant, configured first, then the registry's in id order. */
  public Collection<Tenant> all() {
    List<Tenant> all = new ArrayList<>(this.configured.size() + this.registry.size());
    this.configured.values().forEach(entry -> all.add(entry.tenant()));
    this.registry.values().stream().filter(entry -> !this.configured.containsKey(entry.id())).map(TenantEntry::tenant)
        .sorted(java.util.Comparator.comparing(Tenant::id)).forEach(all::add);
    return all;
  }

  /** The configured tenants by id (read-only). */
  public NavigableMap<String, TenantEntry> configured() {
    return this.configured;
  }

  /** A registry entry as this replica holds it. */
  public Optional<TenantEntry> registryEntry(String id) {
    return Optional.ofNullable(this.registry.get(id));
  }

  /** The registry's entries as this replica holds them, in no particular order. */
  public Collection<TenantEntry> registryEntries() {
    return Collections.unmodifiableCollection(this.registry.values());
  }

  /** Adds or replaces a registry entry; returns the one it replaced. */
  public synchronized Optional<TenantEntry> put(TenantEntry entry) {
    if (this.configured.containsKey(entry.id())) {
      warnOnce("id:" + entry.id(), "Registry tenant %s has the id of a configured tenant: the configured one is used", entry.id());
    }
    TenantEntry previous = this.registry.put(entry.id(), entry);
    if (!this.configured.containsKey(entry.id())) { // a shadowed entry is never indexed: the configured one owns the keys
      if (previous != null) {
        unindex(previous);
      }
      index(entry);
    }
    return Optional.ofNullable(previous);
  }

  /** Drops a registry entry (purged from Redis); returns it. */
  public synchronized Optional<TenantEntry> remove(String id) {
    TenantEntry previous = this.registry.remove(id);
    if (previous != null && !this.configured.containsKey(id)) {
      unindex(previous);
    }
    return Optional.ofNullable(previous);
  }

  /** Replaces all registry entries with these (a full reload); returns the ids that were dropped. */
  public synchronized List<String> replaceRegistry(Collection<TenantEntry> entries) {
    Set<String> keep = ConcurrentHashMap.newKeySet();
    entries.forEach(entry -> keep.add(entry.id()));
    List<String> dropped = new ArrayList<>();
    for (String id : List.copyOf(this.registry.keySet())) {
      if (!keep.contains(id)) {
        remove(id);
        dropped.add(id);
      }
    }
    entries.forEach(this::put);
    return dropped;
  }

  // a configured tenant keeps its number and tokens; between registry entries the last one applied wins (Redis keeps
  // them unique, so a clash is only the moment between two changes applied in another order)
  private void index(TenantEntry entry) {
    Tenant tenant = entry.tenant();
    tenant.phoneNumberId().ifPresent(number -> {
      Tenant owner = this.byPhoneNumberId.get(number);
      if (owner != null && !owner.id().equals(tenant.id()) && owner.source() == Tenant.Source.CONFIG) {
        warnOnce("phone:" + number + ":" + tenant.id(), "Tenant %s names phone-number id %s, which configured tenant %s owns: ignored for %s",
            tenant.id(), number, owner.id(), tenant.id());
      } else {
        this.byPhoneNumberId.put(number, tenant);
      }
    });
    for (ApiToken token : entry.apiTokens()) {
      byte[] digest = Digests.parseHex(token.digest());
      TokenOwner owner = this.byTokenDigest.get(DigestKey.of(digest));
      if (owner != null && !owner.tenant().id().equals(tenant.id()) && this.configured.containsKey(owner.tenant().id())) {
        warnOnce("token:" + token.id(), "Tenant %s has an API token (id %s) of configured tenant %s: ignored for %s", tenant.id(),
            token.id(), owner.tenant().id(), tenant.id());
      } else {
        this.byTokenDigest.put(DigestKey.of(digest), new TokenOwner(tenant, digest, token));
      }
    }
  }

  private void unindex(TenantEntry entry) {
    entry.tenant().phoneNumberId().ifPresent(number -> this.byPhoneNumberId.computeIfPresent(number,
        (key, owner) -> owner.id().equals(entry.id()) ? null : owner));
    for (ApiToken token : entry.apiTokens()) {
      this.byTokenDigest.computeIfPresent(DigestKey.of(Digests.parseHex(token.digest())),
          (key, owner) -> owner.tenant().id().equals(entry.id()) ? null : owner);
    }
  }

  private void warnOnce(String key, String format, Object... args) {
    if (this.warned.size() < 1000 && this.warned.add(key)) {
      Log.warnf(format, args);
    }
  }

  /** Who a digest belongs to: the tenant itself, so a look-up by token needs no second map (re-indexed on every change). */
  private record TokenOwner(Tenant tenant, byte[] digest, ApiToken token) {
  }

  /** The first 128 bits of a digest, as a map key: no hex string per request, and the full digest is compared after. */
  private record DigestKey(long high, long low) {
    static DigestKey of(byte[] digest) {
      java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(digest);
      return new DigestKey(bytes.getLong(), bytes.getLong());
    }
  }
}
