package dev.switchboard.queue.api;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import dev.switchboard.api.ApiDescription;
import dev.switchboard.error.ApiException;
import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.JobState;
import dev.switchboard.queue.QueueAdmin;
import dev.switchboard.queue.QueueBrowser;
import dev.switchboard.queue.QueueCounts;
import dev.switchboard.queue.QueueRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * The operator's queue API under {@code /admin/queue} (admin token, see {@code AdminAuth}): counts, pause and
 * resume for all replicas, clean, retry, remove, drain and job listings. Only queues this service declares are
 * served, so a typo answers 404 instead of creating keys.
 */
@Path("/admin/queue")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Queues", description = "Queue figures and the operator's queue API: pause, resume, clean, retry, remove, drain")
@SecurityRequirement(name = ApiDescription.ADMIN)
@APIResponse(responseCode = "401", ref = ApiDescription.ADMIN_UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDescription.ADMIN_FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDescription.UNAVAILABLE)
public class QueueAdminResource {

  private static final int MAX_LIMIT = 10_000;
  private static final Pattern GRACE = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)?");

  private final QueueAdmin admin;
  private final QueueRegistry registry;
  private final JobQueue jobs;
  private final QueueBrowser browser;

  public QueueAdminResource(QueueAdmin admin, QueueRegistry registry, JobQueue jobs, QueueBrowser browser) {
    this.browser = browser;
    this.admin = admin;
    this.registry = registry;
    this.jobs = jobs;
  }

  @GET
  @Path("/stats/{queue}")
  @Operation(summary = "A queue's jobs by state, and whether it is paused")
  @APIResponse(responseCode = "200", description = "The counts", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueueCounts.class)))
  @APIResponse(responseCode = "404", description = "unknown_queue: not a queue this service declares")
  public Uni<QueueCounts> stats(@RestPath String queue) {
    return this.admin.counts(declared(queue));
  }

  @POST
  @Path("/pause/{queue}")
  @Operation(summary = "Pause a queue on every replica: jobs in flight finish, no new one starts; producers still enqueue")
  @APIResponse(responseCode = "200", description = "The counts, paused",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueueCounts.class)))
  @APIResponse(responseCode = "404", description = "unknown_queue: not a queue this service declares")
  public Uni<QueueCounts> pause(@RestPath String queue) {
    String name = declared(queue);
    return this.admin.pause(name).invoke(() -> Log.infof("Queue %s paused by the admin API", name))
        .chain(() -> this.admin.counts(name));
  }

  @POST
  @Path("/resume/{queue}")
  @Operation(summary = "Resume a paused queue on every replica")
  @APIResponse(responseCode = "200", description = "The counts", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueueCounts.class)))
  @APIResponse(responseCode = "404", description = "unknown_queue: not a queue this service declares")
  public Uni<QueueCounts> resume(@RestPath String queue) {
    String name = declared(queue);
    return this.admin.resume(name).invoke(() -> Log.infof("Queue %s resumed by the admin API", name))
        .chain(() -> this.admin.counts(name));
  }

  /**
   * Deletes finished jobs older than {@code grace}: {@code status=completed} (default) or {@code dead}
   * ({@code failed} is accepted as BullMQ's name for dead jobs). Grace is milliseconds, as in BullMQ, or a number
   * with a unit (30s, 5m, 1h, 2d); default 0.
   */
  @POST
  @Path("/clean/{queue}")
  @Operation(summary = "Delete finished jobs (completed or dead) older than grace")
  @APIResponse(responseCode = "200", description = "How many were removed",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CleanResult.class)))
  @APIResponse(responseCode = "400", description = "invalid_request: status, grace or limit (details.field)")
  @APIResponse(responseCode = "404", description = "unknown_queue: not a queue this service declares")
  public Uni<CleanResult> clean(@RestPath String queue,
      @Parameter(description = "completed or dead (failed: the same)") @QueryParam("status") @DefaultValue("completed") String status,
      @Parameter(description = "Only jobs finished longer ago: milliseconds, or 30s, 5m, 1h, 2d") @QueryParam("grace") @DefaultValue("0") String grace,
      @QueryParam("limit") @DefaultValue("1000") int limit) {
    String name = declared(queue);
    JobState state = switch (status.toLowerCase(Locale.ROOT)) {
      case "completed" -> JobState.COMPLETED;
      case "dead", "failed" -> JobState.DEAD;
      default -> throw ApiException.invalid("status", "must be completed or dead, was '" + status + "'");
    };
    Duration keep = parseGrace(grace);
    return this.admin.clean(name, state, keep, checkLimit(limit))
        .map(removed -> new CleanResult(name, state.wireName(), keep.toMillis(), removed));
  }

  /**
   * The first listing, by offset; kept for callers of the Node stack's API. It walks cursor pages
   * ({@code GET /admin/queue/{queue}/jobs} is the paged one), each a short script, so Redis is never held for the backlog.
   */
  @GET
  @Path("/jobs/{queue}")
  @Operation(summary = "A page of a queue's jobs in one state, by offset (the paged listing is GET /admin/queue/{queue}/jobs)")
  @APIResponse(responseCode = "200", description = "The jobs", content = @Content(mediaType = MediaType.APPLICATION_JSON,
      schema = @Schema(type = SchemaType.ARRAY, implementation = Job.class)))
  @APIResponse(responseCode = "400", description = "invalid_request: state, offset or limit (details.field)")
  @APIResponse(responseCode = "404", description = "unknown_queue: not a queue this service declares")
  public Uni<List<Job>> list(@RestPath String queue,
      @Parameter(description = "waiting, active, delayed, failed, completed or dead") @QueryParam("state") @DefaultValue("waiting") String state,
      @Parameter(description = "0 to 1000") @QueryParam("offset") @DefaultValue("0") int offset,
      @Parameter(description = "1 to 1000") @QueryParam("limit") @DefaultValue("50") int limit) {
    if (offset < 0 || offset > MAX_LIMIT) {
      throw ApiException.invalid("offset", "must be between 0 and " + MAX_LIMIT);
    }
    String name = declared(queue);
    JobState wanted = parseState(state);
    int size = Math.min(checkLimit(limit), 1000);
    return skipThenTake(name, wanted, null, offset, size, new java.util.ArrayList<>());
  }

  private Uni<List<Job>> skipThenTake(String queue, JobState state, String cursor, int skip, int limit, List<Job> taken) {
    int want = skip > 0 ? Math.min(skip, 500) : Math.min(limit - taken.size(), 500);
    return this.browser.page(queue, state, cursor, want, null).chain(page -> {
      int toSkip = skip;
      for (Job job : page.jobs()) {
        if (toSkip > 0) {
          toSkip--;
        } else if (taken.size() < limit) {
          taken.add(job);
        }
      }
      if (page.nextCursor() == null || taken.size() >= limit) {
        return Uni.createFrom().item(List.copyOf(taken));
      }
      return skipThenTake(queue, state, page.nextCursor(), toSkip, limit, taken);
    });
  }

  @GET
  @Path("/jobs/{queue}/{id}")
  @Operation(summary = "One job: state, data, attempts, times and its last error")
  @APIResponse(responseCode = "200", description = "The job", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Job.class)))
  @APIResponse(responseCode = "404", description = "unknown_queue, or job_not_found")
  public Uni<Job> job(@RestPath String queue, @RestPath String id) {
    return this.jobs.find(declared(queue), id).map(found -> found.orElseThrow(() -> notFound(queue, id)));
  }

  @DELETE
  @Path("/jobs/{queue}/{id}")
  @Operation(summary = "Remove a job that is not running")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "404", description = "unknown_queue, or job_not_found")
  @APIResponse(responseCode = "409", description = "job_active: the job is running; remove it once it finished")
  public Uni<RestResponse<Void>> remove(@RestPath String queue, @RestPath String id) {
    return this.admin.remove(declared(queue), id).map(outcome -> switch (outcome) {
      case REMOVED -> RestResponse.<Void>noContent();
      case NOT_FOUND -> throw notFound(queue, id);
      case ACTIVE -> throw new ApiException(409, "job_active", "Job " + id + " is running; it can be removed once it finished");
    });
  }

  /** Gives dead jobs new attempts: those listed in the body ({@code {"jobIds": [...]}}), or all (up to 1000). */
  @POST
  @Path("/retry/{queue}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Give dead jobs new attempts: those in jobIds, or all of them (up to 1000) when the body is empty")
  @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RetryRequest.class)))
  @APIResponse(responseCode = "200", description = "How many were retried",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RetryResult.class)))
  @APIResponse(responseCode = "400", description = "invalid_request: the body is not {\"jobIds\": [...]}")
  @APIResponse(responseCode = "404", description = "unknown_queue: not a queue this service declares")
  public Uni<RetryResult> retry(@RestPath String queue, RetryRequest request) {
    String name = declared(queue);
    List<String> ids = request == null || request.jobIds() == null ? List.of() : request.jobIds();
    return this.admin.retryDead(name, ids).map(retried -> new RetryResult(name, retried));
  }

  @POST
  @Path("/retry/{queue}/{id}")
  @Operation(summary = "Give one dead job new attempts")
  @APIResponse(responseCode = "200", description = "Retried", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RetryResult.class)))
  @APIResponse(responseCode = "404", description = "unknown_queue: not a queue this service declares")
  @APIResponse(responseCode = "409", description = "job_not_dead: the job is not dead, or does not exist")
  public Uni<RetryResult> retryOne(@RestPath String queue, @RestPath String id) {
    String name = declared(queue);
    return this.admin.retryDead(name, List.of(id)).map(retried -> {
      if (retried == 0) {
        throw new ApiException(409, "job_not_dead", "Job " + id + " is not dead (or does not exist); only dead jobs are retried");
      }
      return new RetryResult(name, retried);
    });
  }

  /** Removes every job that has not started yet; {@code delayed=true} also delayed jobs and pending retries. */
  @POST
  @Path("/drain/{queue}")
  @Operation(summary = "Remove every job that has not started; with delayed=true also delayed jobs and pending retries")
  @APIResponse(responseCode = "200", description = "How many were removed",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrainResult.class)))
  @APIResponse(responseCode = "404", description = "unknown_queue: not a queue this service declares")
  public Uni<DrainResult> drain(@RestPath String queue,
      @Parameter(description = "Also delayed jobs and pending retries") @QueryParam("delayed") @DefaultValue("false") boolean delayed) {
    String name = declared(queue);
    return this.admin.drain(name, delayed).invoke(removed -> Log.infof("Queue %s drained by the admin API: %d job(s)", name, removed))
        .map(removed -> new DrainResult(name, removed));
  }

  /** Every declared queue's counts; degraded while a queue is paused, 503 when Redis cannot be read. */
  @GET
  @Path("/health")
  @Operation(summary = "Every declared queue's counts: healthy, degraded while one is paused")
  @APIResponse(responseCode = "200", description = "healthy or degraded, with every queue's counts",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueuesHealth.class)))
  @APIResponse(responseCode = "503", description = "unhealthy: Redis could not be read (error says why)",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueuesHealth.class)))
  public Uni<RestResponse<QueuesHealth>> health() {
    List<Uni<QueueCounts>> counts = this.registry.declared().stream().map(settings -> this.admin.counts(settings.queue())).toList();
    if (counts.isEmpty()) {
      return Uni.createFrom().item(RestResponse.ok(new QueuesHealth("healthy", List.of(), null)));
    }
    return Uni.join().all(counts).andFailFast()
        .map(all -> {
          boolean anyPaused = all.stream().anyMatch(QueueCounts::isPaused);
          return RestResponse.ok(new QueuesHealth(anyPaused ? "degraded" : "healthy", all, null));
        })
        .onFailure().recoverWithItem(e -> RestResponse.status(Status.SERVICE_UNAVAILABLE,
            new QueuesHealth("unhealthy", List.of(), "Redis could not be read: " + e.getMessage())));
  }

  private String declared(String queue) {
    if (!this.registry.isDeclared(queue)) {
      throw new ApiException(404, "unknown_queue", "No queue named '" + queue + "'; declared queues: "
          + this.registry.declared().stream().map(settings -> settings.queue()).toList());
    }
    return queue;
  }

  private static Duration parseGrace(String grace) {
    Matcher m = GRACE.matcher(grace.trim());
    if (!m.matches()) {
      throw ApiException.invalid("grace", "must be milliseconds or a number with a unit (ms, s, m, h, d), was '" + grace + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    return switch (unit) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofMillis(n);
    };
  }

  private static JobState parseState(String state) {
    try {
      return JobState.fromWire(state);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("state", "must be one of waiting, active, delayed, failed, completed, dead, was '" + state + "'");
    }
  }

  private static int checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }

  private static ApiException notFound(String queue, String id) {
    return new ApiException(404, "job_not_found", "No job " + id + " in queue " + queue);
  }

  @RegisterForReflection
  public record CleanResult(String queue, String status, long graceMillis, long removed) {
  }

  @RegisterForReflection
  public record RetryRequest(List<String> jobIds) {
  }

  @RegisterForReflection
  public record RetryResult(String queue, long retried) {
  }

  @RegisterForReflection
  public record DrainResult(String queue, long removed) {
  }

  @RegisterForReflection
  public record QueuesHealth(String status, List<QueueCounts> queues, String error) {
  }
}
