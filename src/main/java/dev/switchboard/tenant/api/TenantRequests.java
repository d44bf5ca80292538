package dev.switchboard.tenant.api;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.error.ApiException;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.TenantRecord;
import dev.switchboard.tenant.TenantRegistry.NewTenant;
import io.quarkus.runtime.configuration.DurationConverter;

/** Reads and checks the admin API's tenant bodies; every refusal is a 400 naming the field. Unknown fields are refused. */
final class TenantRequests {

  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final Set<String> RESERVED = Set.of(Tenant.UNKNOWN_ID, "re-encrypt", "import-config");
  private static final Pattern NUMBER_ID = Pattern.compile("[0-9]{1,30}");
  private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]+");
  private static final Set<String> PROFILE = Set.of("displayName", "phoneNumberId", "wabaId", "rateLimit", "maxConcurrency", "apiRateLimit");
  private static final Set<String> CREATE = Set.of("id", "displayName", "phoneNumberId", "wabaId", "rateLimit", "maxConcurrency",
      "apiRateLimit", "accessToken", "apiToken", "enabled");
  private static final Duration MAX_OVERLAP = Duration.ofDays(30);

  private TenantRequests() {
  }

  static NewTenant create(JsonNode body) {
    known(body, CREATE);
    String id = text(body, "id", true);
    if (!ID.matcher(id).matches() || RESERVED.contains(id)) {
      throw ApiException.invalid("id", "must be 1 to 63 lowercase letters, digits, - or _, starting with a letter or digit, not a reserved word");
    }
    TenantRecord.Profile profile = profile(body, new TenantRecord.Profile(id, null, null, 80, 5, null));
    String accessToken = token(body, "accessToken", 1, 4096);
    String apiToken = token(body, "apiToken", 16, 512);
    JsonNode enabled = body.get("enabled");
    if (enabled != null && !enabled.isBoolean()) {
      throw ApiException.invalid("enabled", "must be true or false");
    }
    return new NewTenant(id, profile, accessToken, apiToken, enabled == null || enabled.asBoolean());
  }

  /** The fields present change; {@code null} clears phoneNumberId, wabaId or apiRateLimit. */
  static UnaryOperator<TenantRecord.Profile> update(JsonNode body) {
    known(body, PROFILE);
    if (body.isEmpty()) {
      throw ApiException.invalid("body", "must name at least one of " + String.join(", ", PROFILE.stream().sorted().toList()));
    }
    profile(body, new TenantRecord.Profile("x", null, null, 80, 5, null)); // every field checked before anything is read
    return current -> profile(body, current);
  }

  static String accessToken(JsonNode body) {
    known(body, Set.of("accessToken"));
    String token = token(body, "accessToken", 1, 4096);
    if (token == null) {
      throw ApiException.invalid("accessToken", "is required");
    }
    return token;
  }

  static Tenant.QueuedSends disableMode(JsonNode body) {
    known(body, Set.of("queuedSends"));
    String mode = text(body, "queuedSends", false);
    return switch (mode == null ? "hold" : mode) {
      case "hold" -> Tenant.QueuedSends.HOLD;
      case "dead" -> Tenant.QueuedSends.DEAD;
      default -> throw ApiException.invalid("queuedSends", "must be hold (they wait) or dead");
    };
  }

  static boolean drain(String queuedSends) {
    if ("drain".equals(queuedSends)) {
      return true;
    }
    if ("dead".equals(queuedSends)) {
      return false;
    }
    throw ApiException.invalid("queuedSends", "is required: drain (queued sends still go out) or dead (they go dead)");
  }

  static Duration overlap(JsonNode body, Duration fallback) {
    known(body, Set.of("keepPreviousFor"));
    String value = text(body, "keepPreviousFor", false);
    if (value == null) {
      return fallback;
    }
    Duration keep;
    try {
      keep = "0".equals(value.trim()) ? Duration.ZERO : DurationConverter.parseDuration(value.trim());
    } catch (IllegalArgumentException e) {
      keep = null;
    }
    if (keep == null || keep.isNegative() || keep.compareTo(MAX_OVERLAP) > 0) {
      throw ApiException.invalid("keepPreviousFor", "must be a duration from 0 (revoke now) to 30d, e.g. 10m or PT1H");
    }
    return keep;
  }

  static int limit(Integer limit) {
    if (limit == null) {
      return 100;
    }
    if (limit < 1 || limit > 500) {
      throw ApiException.invalid("limit", "must be from 1 to 500");
    }
    return limit;
  }

  private static TenantRecord.Profile profile(JsonNode body, TenantRecord.Profile base) {
    String name = body.has("displayName") ? displayName(body) : base.displayName();
    String phone = body.has("phoneNumberId") ? number(body, "phoneNumberId") : base.phoneNumberId();
    String waba = body.has("wabaId") ? number(body, "wabaId") : base.wabaId();
    int rate = body.has("rateLimit") ? integer(body, "rateLimit", 1, 1000, false) : base.rateLimit();
    int concurrency = body.has("maxConcurrency") ? integer(body, "maxConcurrency", 1, 1000, false) : base.maxConcurrency();
    Integer apiRate = body.has("apiRateLimit") ? nullableInteger(body, "apiRateLimit", 0, 1_000_000) : base.apiRateLimit();
    return new TenantRecord.Profile(name, phone, waba, rate, concurrency, apiRate);
  }

  private static void known(JsonNode body, Set<String> fields) {
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
      String name = it.next().getKey();
      if (!fields.contains(name)) {
        throw ApiException.invalid(name, "is not a field of this request (expected " + String.join(", ", fields.stream().sorted().toList()) + ")");
      }
    }
  }

  private static String displayName(JsonNode body) {
    String name = text(body, "displayName", true);
    if (name.isBlank() || name.length() > 200 || name.codePoints().anyMatch(Character::isISOControl)) {
      throw ApiException.invalid("displayName", "must be 1 to 200 characters without control characters");
    }
    return name;
  }

  private static String number(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node.isNull()) {
      return null;
    }
    if (!(node.isTextual() || node.isIntegralNumber()) || !NUMBER_ID.matcher(node.asText()).matches()) {
      throw ApiException.invalid(field, "must be the id Meta gave it: 1 to 30 digits");
    }
    return node.asText();
  }

  private static String token(JsonNode body, String field, int min, int max) {
    String token = text(body, field, false);
    if (token != null && (token.length() < min || token.length() > max || !TOKEN.matcher(token).matches())) {
      throw ApiException.invalid(field, "must be " + min + " to " + max + " visible ASCII characters, no spaces");
    }
    return token;
  }

  private static String text(JsonNode body, String field, boolean required) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw ApiException.invalid(field, "is required");
      }
      return null;
    }
    if (!node.isTextual()) {
      throw ApiException.invalid(field, "must be a string");
    }
    return node.asText();
  }

  private static int integer(JsonNode body, String field, int min, int max, boolean nullable) {
    JsonNode node = body.get(field);
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
      throw ApiException.invalid(field, "must be an integer from " + min + " to " + max + (nullable ? ", or null for the default" : ""));
    }
    return node.asInt();
  }

  private static Integer nullableInteger(JsonNode body, String field, int min, int max) {
    return body.get(field).isNull() ? null : integer(body, field, min, max, true);
  }
}
