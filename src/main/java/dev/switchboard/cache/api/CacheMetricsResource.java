package dev.switchboard.cache.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.api.ApiDescription;
import dev.switchboard.cache.CacheHealth;
import dev.switchboard.cache.CacheLevels;
import dev.switchboard.cache.CacheService;
import dev.switchboard.cache.template.TemplateCache;
import dev.switchboard.cache.template.TemplateFigures;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /api/cache/metrics}: the template cache's figures (since start-up and for the sliding window), the
 * cache's health and its levels, on the replica that answers; the shape the Node stack's cache dashboard read.
 * Counters only and one PING: cheap enough to poll.
 */
@Path("/api/cache/metrics")
@Tag(name = "Cache", description = "Cache and template-cache figures")
public class CacheMetricsResource {

  private final CacheService cache;
  private final TemplateCache templates;

  public CacheMetricsResource(CacheService cache, TemplateCache templates) {
    this.cache = cache;
    this.templates = templates;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Cache and template-cache metrics of this replica")
  @SecurityRequirement(name = ApiDescription.ADMIN)
  @APIResponse(responseCode = "200", description = "runtime and window figures of the template cache, cache health and levels",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CacheMetrics.class)))
  @APIResponse(responseCode = "401", ref = ApiDescription.ADMIN_UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = ApiDescription.ADMIN_FORBIDDEN)
  public Uni<CacheMetrics> metrics() { // AdminAuth's filter guards the path
    return this.cache.health().map(health -> new CacheMetrics(this.templates.metrics().runtime(), this.templates.metrics().window(),
        Health.of(health), this.cache.levels()));
  }

  /** The answer: template figures, health, levels. */
  @RegisterForReflection
  public record CacheMetrics(TemplateFigures.Runtime runtime, TemplateFigures.Window window, Health health, CacheLevels levels) {
  }

  /** {@code healthy} on Redis, {@code degraded} on the in-memory fallback; the last PING's latency. */
  @RegisterForReflection
  public record Health(String status, String type, Long latencyMs) {

    static Health of(CacheHealth health) {
      return new Health(health.status(), health.type(), health.latencyMs());
    }
  }
}
