package dev.switchboard.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.switchboard.support.Digests;

/** The in-memory directory's rules for registry entries beside configured ones. */
class TenantDirectoryRulesTest {

  final TenantDirectory directory = new TenantDirectory(List.of(entry("acme", "111", "acme-token", Tenant.Source.CONFIG, Tenant.State.ACTIVE, 0, 1)));

  @Test
  void shouldFindRegistryTenantsByTokenAndNumberUntilTheyAreRemoved() {
    this.directory.put(entry("salon", "222", "salon-token", Tenant.Source.REGISTRY, Tenant.State.ACTIVE, 0, 1));

    assertThat(this.directory.byApiToken("salon-token")).map(Tenant::id).contains("salon");
    assertThat(this.directory.byPhoneNumberId("222")).map(Tenant::id).contains("salon");
    assertThat(this.directory.all()).extracting(Tenant::id).containsExactly("acme", "salon");

    this.directory.remove("salon");
    assertThat(this.directory.byApiToken("salon-token")).isEmpty();
    assertThat(this.directory.byPhoneNumberId("222")).isEmpty();
  }

  @Test
  void shouldKeepTheConfiguredTenantsKeysWhateverARegistryEntryClaims() {
    // an imported copy with the configured id, applied twice and removed: the configured tenant keeps working
    this.directory.put(entry("acme", "111", "acme-token", Tenant.Source.REGISTRY, Tenant.State.ACTIVE, 0, 1));
    this.directory.put(entry("acme", "111", "acme-token", Tenant.Source.REGISTRY, Tenant.State.ACTIVE, 0, 2));
    this.directory.remove("acme");
    // another registry tenant naming the configured number and token gets neither
    this.directory.put(entry("thief", "111", "acme-token", Tenant.Source.REGISTRY, Tenant.State.ACTIVE, 0, 1));

    assertThat(this.directory.byApiToken("acme-token")).map(Tenant::source).contains(Tenant.Source.CONFIG);
    assertThat(this.directory.byPhoneNumberId("111")).map(Tenant::id).contains("acme");
    assertThat(this.directory.byId("acme")).map(Tenant::source).contains(Tenant.Source.CONFIG);
  }

  @Test
  void shouldGiveAMovedNumberToTheTenantThatHoldsItWhateverOrderTheChangesArriveIn() {
    this.directory.put(entry("a", "333", "a-token", Tenant.Source.REGISTRY, Tenant.State.ACTIVE, 0, 1));
    // b takes the number before this replica hears that a gave it up
    this.directory.put(entry("b", "333", "b-token", Tenant.Source.REGISTRY, Tenant.State.ACTIVE, 0, 1));
    this.directory.put(entry("a", null, "a-token", Tenant.Source.REGISTRY, Tenant.State.ACTIVE, 0, 2));

    assertThat(this.directory.byPhoneNumberId("333")).map(Tenant::id).contains("b");
  }

  @Test
  void shouldRefuseExpiredTokensAndTokensOfDeletedTenants() {
    long past = System.currentTimeMillis() - 1;
    TenantEntry expiring = new TenantEntry(tenant("old", "444", Tenant.Source.REGISTRY, Tenant.State.ACTIVE),
        List.of(new ApiToken(Digests.sha256Hex("old-token"), 0, past), new ApiToken(Digests.sha256Hex("new-token"), 0, 0)), 0, 1, 1);
    this.directory.put(expiring);
    this.directory.put(entry("gone", "555", "gone-token", Tenant.Source.REGISTRY, Tenant.State.DELETED, 0, 1));

    assertThat(this.directory.byApiToken("old-token")).isEmpty();
    assertThat(this.directory.byApiToken("new-token")).map(Tenant::id).contains("old");
    assertThat(this.directory.byApiToken("gone-token")).isEmpty();
    assertThat(this.directory.byId("gone")).map(Tenant::state).contains(Tenant.State.DELETED); // its queued sends still find it
  }

  static TenantEntry entry(String id, String number, String token, Tenant.Source source, Tenant.State state, long created, long rev) {
    return new TenantEntry(tenant(id, number, source, state), List.of(new ApiToken(Digests.sha256Hex(token), 0, 0)), 0, created, rev);
  }

  static Tenant tenant(String id, String number, Tenant.Source source, Tenant.State state) {
    return new Tenant(id, id, Optional.ofNullable(number), Optional.empty(), Optional.of("graph"), 80, 5, Optional.empty(), source, state,
        Tenant.QueuedSends.SEND);
  }
}
