package dev.switchboard.send;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.queue.QueueGroups;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.TenantDirectory;

/** The send path puts each tenant's jobs in a group of their own (its max-concurrency is the group limit): those are the groups of the send queue. */
@ApplicationScoped
public class TenantGroups implements QueueGroups {

  private final TenantDirectory tenants;

  public TenantGroups(TenantDirectory tenants) {
    this.tenants = tenants;
  }

  @Override
  public String queue() {
    return SendProcessor.QUEUE;
  }

  @Override
  public Collection<String> groups() {
    return this.tenants.all().stream().map(Tenant::id).toList();
  }
}
