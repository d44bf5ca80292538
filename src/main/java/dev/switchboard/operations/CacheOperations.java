package dev.switchboard.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.cache.CacheNamespaces;
import dev.switchboard.cache.CacheService;
import dev.switchboard.cache.state.UserStateStore;
import dev.switchboard.operations.QueueCleanup.QueueClear;
import dev.switchboard.support.Mask;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.TenantDirectory;
import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The operator's cache verbs, shared by {@code /admin/cache}, the CLI and scheduled maintenance: clear everything
 * (queues only when asked), clear old user states, clear one user. Each logs what it did and answers counts.
 */
@ApplicationScoped
public class CacheOperations {

  private final CacheService cache;
  private final CacheNamespaces namespaces;
  private final UserStateStore states;
  private final QueueCleanup queues;
  private final TenantDirectory tenants;

  public CacheOperations(CacheService cache, CacheNamespaces namespaces, UserStateStore states, QueueCleanup queues, TenantDirectory tenants) {
    this.cache = cache;
    this.namespaces = namespaces;
    this.states = states;
    this.queues = queues;
    this.tenants = tenants;
  }

  /** Every cache namespace and all user states; with {@code includeQueues}, every job that is not running too. */
  public Uni<ClearResult> clearAll(boolean includeQueues, String by) {
    return this.states.count().chain(userStates -> Multi.createFrom().iterable(this.namespaces.all())
        .onItem().transformToUniAndConcatenate(ns -> this.cache.flush(ns.name()).map(removed -> Map.entry(ns.name(), removed)))
        .collect().asList()
        .chain(flushed -> {
          Map<String, Long> byNamespace = new LinkedHashMap<>();
          flushed.forEach(entry -> byNamespace.put(entry.getKey(), entry.getValue()));
          Uni<List<QueueClear>> cleared = includeQueues ? clearQueues() : Uni.createFrom().item(List.of());
          return cleared.map(queueResults -> new ClearResult(userStates, byNamespace,
              byNamespace.values().stream().mapToLong(Long::longValue).sum(), includeQueues, queueResults));
        }))
        .invoke(result -> Log.infof("Cache cleared by %s: %d key(s) in %d namespace(s), %d user state(s)%s", by, result.keysRemoved(),
            result.namespaces().size(), result.userStates(), includeQueues ? queueSummary(result.queues()) : ", queues left alone"));
  }

  /** User states last updated more than {@code hours} ago. */
  public Uni<ClearOldResult> clearOld(int hours, String by) {
    return this.states.clearOlderThan(hours).map(removed -> new ClearOldResult(hours, removed))
        .invoke(result -> Log.infof("Old user states cleared by %s: %d older than %d h", by, result.userStatesRemoved(), hours));
  }

  /** One customer's state and cached conversation view, with one tenant or (no tenant) with each of them. */
  public Uni<UserClearResult> clearUser(String phone, Optional<String> tenant, String by) {
    String normalized = phone.trim().startsWith("+") ? phone.trim().substring(1) : phone.trim();
    Uni<Long> cleared = tenant.isPresent() ? this.states.clearUser(tenant.get(), normalized) : this.states.clearUser(normalized);
    List<String> tenantIds = tenant.map(List::of).orElseGet(() -> this.tenants.all().stream().map(Tenant::id).toList());
    return cleared.chain(userStates -> Multi.createFrom().iterable(tenantIds)
        .onItem().transformToUniAndConcatenate(id -> this.cache.delete(CacheNamespaces.CONVERSATION, id + ":" + normalized))
        .collect().asList()
        .map(deleted -> new UserClearResult(Mask.phone(normalized), tenant.orElse(null), userStates,
            deleted.stream().filter(Boolean::booleanValue).count())))
        .invoke(result -> Log.infof("User %s cleared by %s (%s): %d state(s), %d cached view(s)", result.phone(), by,
            tenant.map(id -> "tenant " + id).orElse("every tenant"), result.userStates(), result.cachedViews()));
  }

  private Uni<List<QueueClear>> clearQueues() {
    List<QueueClear> results = new ArrayList<>();
    return Multi.createFrom().iterable(this.queues.declared())
        .onItem().transformToUniAndConcatenate(settings -> this.queues.clearAll(settings.queue()))
        .invoke(results::add).collect().last().replaceWith(results);
  }

  private static String queueSummary(List<QueueClear> queues) {
    long notStarted = queues.stream().mapToLong(QueueClear::notStartedRemoved).sum();
    long finished = queues.stream().mapToLong(QueueClear::finishedRemoved).sum();
    long active = queues.stream().mapToLong(QueueClear::activeLeft).sum();
    return String.format(", queues: %d job(s) not started and %d finished removed, %d running left alone", notStarted, finished, active);
  }

  /** What a full clear did: user states there were, keys removed per namespace and in all, and per queue when asked. */
  @RegisterForReflection
  public record ClearResult(long userStates, Map<String, Long> namespaces, long keysRemoved, boolean queuesCleared, List<QueueClear> queues) {
  }

  @RegisterForReflection
  public record ClearOldResult(int hours, long userStatesRemoved) {
  }

  /** The phone is masked: this answer may end up in logs and tickets. */
  @RegisterForReflection
  public record UserClearResult(String phone, String tenant, long userStates, long cachedViews) {
  }
}
