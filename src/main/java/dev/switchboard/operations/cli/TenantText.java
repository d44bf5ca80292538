package dev.switchboard.operations.cli;

import java.util.List;
import java.util.Objects;

import dev.switchboard.tenant.TenantView;

/** Readable {@code tenants list} and {@code tenants show} output: what the admin API shows, so never a token. */
final class TenantText {

  private TenantText() {
  }

  static String list(List<TenantView> tenants) {
    StringBuilder text = new StringBuilder(String.format("%d tenant(s)%n", tenants.size()));
    if (!tenants.isEmpty()) {
      text.append(String.format("  %-24s %-8s %-9s %-20s %6s %5s%n", "id", "source", "state", "phone-number id", "rate/s", "conc"));
    }
    for (TenantView tenant : tenants) {
      text.append(String.format("  %-24s %-8s %-9s %-20s %6d %5d%n", tenant.id(), tenant.source(), tenant.state(),
          Objects.toString(tenant.phoneNumberId(), "-"), tenant.rateLimit(), tenant.maxConcurrency()));
    }
    return text.toString().stripTrailing();
  }

  static String show(TenantView tenant) {
    StringBuilder text = new StringBuilder();
    line(text, "id", tenant.id());
    line(text, "display name", tenant.displayName());
    line(text, "source", tenant.source());
    line(text, "state", tenant.state() + " (queued sends when disabled: " + tenant.queuedSends() + ")");
    line(text, "phone-number id", tenant.phoneNumberId());
    line(text, "WABA id", tenant.wabaId());
    line(text, "rate limit", tenant.rateLimit() + " sends/s");
    line(text, "max concurrency", tenant.maxConcurrency() + " jobs in flight");
    line(text, "API rate limit", tenant.apiRateLimit() == null ? "service default" : tenant.apiRateLimit() + " requests/s");
    TenantView.AccessToken graph = tenant.accessToken();
    line(text, "Graph token", graph == null || !graph.set() ? "not set"
        : "set" + (graph.keyId() == null ? "" : ", encrypted under key " + graph.keyId()) + (graph.updatedAt() == null ? "" : ", " + graph.updatedAt()));
    List<TenantView.Token> tokens = tenant.apiTokens() == null ? List.of() : tenant.apiTokens();
    line(text, "API tokens", tokens.isEmpty() ? "none" : String.valueOf(tokens.size()));
    for (TenantView.Token token : tokens) {
      text.append(String.format("    %s%s%n", token.id(), token.expiresAt() == null ? "" : ", valid until " + token.expiresAt()));
    }
    line(text, "created", tenant.createdAt());
    line(text, "updated", tenant.updatedAt());
    return text.toString().stripTrailing();
  }

  private static void line(StringBuilder text, String name, Object value) {
    if (value != null) {
      text.append(String.format("%-16s %s%n", name + ":", value));
    }
  }
}
