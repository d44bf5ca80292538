package dev.switchboard.tenant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A {@link TenantRecord} as the fields of its Redis hash, and back. */
final class TenantCodec {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<ApiToken>> TOKENS = new TypeReference<>() { };

  private TenantCodec() {
  }

  /** Field, value pairs for the save script ({@code rev} is the script's). */
  static List<String> fields(TenantRecord record) {
    Map<String, String> hash = new LinkedHashMap<>();
    hash.put("id", record.id());
    hash.put("name", record.displayName());
    hash.put("phone", nullToEmpty(record.phoneNumberId()));
    hash.put("waba", nullToEmpty(record.wabaId()));
    hash.put("gtoken", nullToEmpty(record.accessToken()));
    hash.put("gtokenAt", Long.toString(record.accessTokenUpdatedAt()));
    hash.put("tokens", json(record.apiTokens()));
    hash.put("digests", digests(record.apiTokens()));
    hash.put("rate", Integer.toString(record.rateLimit()));
    hash.put("conc", Integer.toString(record.maxConcurrency()));
    hash.put("apirate", record.apiRateLimit() == null ? "" : record.apiRateLimit().toString());
    hash.put("state", record.state().name().toLowerCase(Locale.ROOT));
    hash.put("queued", record.queuedSends().name().toLowerCase(Locale.ROOT));
    hash.put("created", Long.toString(record.createdAt()));
    hash.put("updated", Long.toString(record.updatedAt()));
    hash.put("purge", Long.toString(record.purgeAt()));
    List<String> pairs = new ArrayList<>(hash.size() * 2);
    hash.forEach((field, value) -> {
      pairs.add(field);
      pairs.add(value);
    });
    return pairs;
  }

  static String digests(List<ApiToken> tokens) {
    return String.join(" ", tokens.stream().map(ApiToken::digest).toList());
  }

  static TenantRecord record(Map<String, String> hash) {
    return new TenantRecord(hash.get("id"), hash.getOrDefault("name", hash.get("id")), emptyToNull(hash.get("phone")),
        emptyToNull(hash.get("waba")), emptyToNull(hash.get("gtoken")), longOf(hash.get("gtokenAt")), tokens(hash.get("tokens")),
        (int) longOf(hash.get("rate")), (int) longOf(hash.get("conc")),
        emptyToNull(hash.get("apirate")) == null ? null : Integer.valueOf(hash.get("apirate")),
        Tenant.State.valueOf(hash.getOrDefault("state", "active").toUpperCase(Locale.ROOT)),
        Tenant.QueuedSends.valueOf(hash.getOrDefault("queued", "send").toUpperCase(Locale.ROOT)), longOf(hash.get("created")),
        longOf(hash.get("updated")), longOf(hash.get("purge")), longOf(hash.get("rev")));
  }

  private static List<ApiToken> tokens(String json) {
    if (json == null || json.isEmpty()) {
      return List.of();
    }
    try {
      return JSON.readValue(json, TOKENS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable API token list", e);
    }
  }

  private static String json(List<ApiToken> tokens) {
    try {
      return JSON.writeValueAsString(tokens);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long longOf(String value) {
    return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
