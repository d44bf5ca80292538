package dev.switchboard.tenant;

import java.util.List;

/**
 * Redis keys of the tenant registry, all under the hash tag {@code {tenants}}: creating a tenant must check that no
 * other tenant owns its phone-number id or token digests and claim them in the same atomic step as the write, and on
 * Redis Cluster a script may only touch keys of one slot. The price is that the whole registry lives on one node:
 * about 1 KB per tenant (10 MB for 10,000), read in full only when a replica starts, and written only by admin
 * calls, while requests are served from each replica's memory. So one slot costs no throughput.
 */
final class TenantKeys {

  private final String base;

  TenantKeys(String prefix) {
    this.base = prefix + ":{tenants}:";
  }

  String tenant(String id) {
    return this.base + "tenant:" + id;
  }

  String index() {
    return this.base + "index";
  }

  String phones() {
    return this.base + "phones";
  }

  String tokens() {
    return this.base + "tokens";
  }

  String meta() {
    return this.base + "meta";
  }

  String changes() {
    return this.base + "changes";
  }

  /** Pub/sub channel a write announces its version on (a channel, not a key: not tied to a slot). */
  String channel() {
    return this.base + "changed";
  }

  /** The keys every registry script gets, in the order {@code tenant/lua/lib.lua} documents. */
  List<String> scriptKeys(String id) {
    return List.of(tenant(id), index(), phones(), tokens(), meta(), changes());
  }
}
