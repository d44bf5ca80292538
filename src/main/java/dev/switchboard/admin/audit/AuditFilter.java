package dev.switchboard.admin.audit;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.admin.AdminPrincipal;
import dev.switchboard.support.Mask;
import dev.switchboard.support.Sanitize;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Audits every admin action in one place, whatever resource served it: each request under {@code /admin} that is not a
 * read (POST, PUT, PATCH, DELETE) and passed AdminAuth is recorded once answered, with the count the answer reports
 * (its {@code removed}, {@code retried}, … field). Refused calls (401/403) never reach a resource and are not actions.
 */
@ApplicationScoped
public class AuditFilter {

  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final String[] COUNT_FIELDS = {"removed", "retried", "cleared", "deleted", "moved", "count"};
  private static final Pattern DIGITS = Pattern.compile("\\+?\\d{6,}");
  private static final int MAX_TEXT = 200;

  private final AuditLog audit;
  private final ObjectMapper mapper;

  public AuditFilter(AuditLog audit, ObjectMapper mapper) {
    this.audit = audit;
    this.mapper = mapper;
  }

  @ServerResponseFilter
  public Uni<Void> recordAdminAction(ContainerRequestContext request, ContainerResponseContext response) {
    if (READS.contains(request.getMethod()) || !(request.getProperty(AdminPrincipal.REQUEST_PROPERTY) instanceof AdminPrincipal who)) {
      return null;
    }
    String path = request.getUriInfo().getPath();
    if (!path.startsWith("/admin/")) {
      return null;
    }
    var params = request.getUriInfo().getPathParameters();
    JsonNode body = response.getEntity() == null ? null : safeTree(response.getEntity());
    String queue = params.getFirst("queue") != null ? params.getFirst("queue") : text(body, "queue");
    String job = params.getFirst("id") != null ? params.getFirst("id") : text(body, "jobId");
    AuditEntry entry = new AuditEntry(Instant.now(), clean(who.name()), who.role().name().toLowerCase(java.util.Locale.ROOT),
        request.getMethod() + " " + clean(path), queue, job, response.getStatus(), count(body));
    Log.infof("Admin action by %s: %s → %d%s", entry.who(), masked(entry.action()), entry.status(),
        entry.count() == null ? "" : " (" + entry.count() + ")");
    return this.audit.record(entry)
        .onFailure().invoke(e -> Log.warnf("Could not keep the audit entry of %s in Redis (%s)", masked(entry.action()), e.getMessage()))
        .onFailure().recoverWithNull();
  }

  private JsonNode safeTree(Object entity) {
    try {
      return this.mapper.valueToTree(entity);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String text(JsonNode body, String field) {
    return body != null && body.path(field).isTextual() ? body.get(field).asText() : null;
  }

  private static Long count(JsonNode body) {
    if (body == null) {
      return null;
    }
    for (String field : COUNT_FIELDS) {
      if (body.path(field).isNumber()) {
        return body.get(field).asLong();
      }
    }
    return null;
  }

  /** A JWT subject or a path comes from the caller: no control characters, bounded. */
  static String clean(String text) {
    return text == null ? null : Sanitize.text(text, MAX_TEXT);
  }

  /** Paths may carry a phone number (a user's cache entries): masked in the log line. */
  static String masked(String text) {
    Matcher m = DIGITS.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(Mask.phone(m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }
}
