package dev.switchboard.operations.cli;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.tenant.TenantRegistry;
import dev.switchboard.tenant.TenantView;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** The CLI's {@code tenants} verbs, read through the registry as the admin API reads them: never a secret. */
@ApplicationScoped
class CliTenants {

  private static final int PAGE = 500;

  private final TenantRegistry registry;

  CliTenants(TenantRegistry registry) {
    this.registry = registry;
  }

  /** Every tenant, page after page of the registry's listing. */
  Uni<TenantList> all() {
    return collect(null, new ArrayList<>()).map(TenantList::new);
  }

  Uni<TenantView> one(String id) {
    return this.registry.get(id).map(found -> found.orElseThrow(() -> new IllegalArgumentException("no tenant '" + id + "'")));
  }

  private Uni<List<TenantView>> collect(String cursor, List<TenantView> so) {
    return this.registry.list(cursor, PAGE).chain(page -> {
      so.addAll(page.tenants());
      return page.nextCursor() == null ? Uni.createFrom().item(so) : collect(page.nextCursor(), so);
    });
  }

  /** What {@code tenants list} prints: every tenant in id order. */
  @RegisterForReflection
  record TenantList(List<TenantView> tenants) {
  }
}
