package dev.switchboard.admin.jobs;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.api.ApiDescription;
import dev.switchboard.error.ApiException;
import dev.switchboard.queue.EnqueueResult;
import dev.switchboard.queue.GroupLoad;
import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobOptions;
import dev.switchboard.queue.JobPage;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.JobState;
import dev.switchboard.queue.QueueAdmin;
import dev.switchboard.queue.QueueBrowser;
import dev.switchboard.queue.QueueGroups;
import dev.switchboard.queue.QueueRegistry;
import dev.switchboard.queue.Throughput;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * The dashboard's queue API under {@code /admin/queue/{queue}} (AdminAuth guards it): paged listings and search, a job
 * with its attempts, promoting a delayed job, test jobs, throughput and each group's load.
 */
@Path("/admin/queue")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Queue admin")
@SecurityRequirement(name = ApiDescription.ADMIN)
public class JobsResource {

  private static final int MAX_PAGE = 500;
  private static final int MAX_SECONDS = 900;
  private static final Pattern CURSOR = Pattern.compile("[spz]:[^:]{1,40}:.{0,300}");

  private final JobSearch search;
  private final JobQueue jobs;
  private final QueueAdmin admin;
  private final QueueBrowser browser;
  private final QueueRegistry registry;
  private final Instance<QueueGroups> knownGroups;

  public JobsResource(JobSearch search, JobQueue jobs, QueueAdmin admin, QueueBrowser browser, QueueRegistry registry,
      Instance<QueueGroups> knownGroups) {
    this.search = search;
    this.jobs = jobs;
    this.admin = admin;
    this.browser = browser;
    this.registry = registry;
    this.knownGroups = knownGroups;
  }

  @GET
  @Path("/{queue}/jobs")
  @Operation(summary = "A page of a state's jobs from a cursor, optionally searched by job id, wamid, phone or tenant",
      description = "Each page costs Redis work in proportion to the page (limit), whatever the backlog. With q, the job of "
          + "that id and the send job of that wamid lead the first page (any state); then jobs of the state whose id, tenant, "
          + "data or result contains q, looking at no more than 500 jobs per call: a page may be short or empty and still "
          + "carry nextCursor.")
  @APIResponse(responseCode = "200", description = "{queue, state, jobs, nextCursor (null at the end), scanned}")
  @APIResponse(responseCode = "400", description = "invalid_request: state, cursor or limit (1–500) is not valid")
  @APIResponse(responseCode = "401", ref = ApiDescription.ADMIN_UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = ApiDescription.ADMIN_FORBIDDEN)
  @APIResponse(responseCode = "404", description = "unknown_queue")
  public Uni<JobPage> list(@RestPath String queue, @RestQuery @DefaultValue("waiting") String state, @RestQuery String q,
      @RestQuery String cursor, @RestQuery @DefaultValue("50") int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw ApiException.invalid("limit", "must be between 1 and " + MAX_PAGE);
    }
    if (cursor != null && !cursor.isEmpty() && !CURSOR.matcher(cursor).matches()) {
      throw ApiException.invalid("cursor", "is not a cursor this API returned (pass nextCursor as it came)");
    }
    if (q != null && q.length() > 200) {
      throw ApiException.invalid("q", "must be at most 200 characters");
    }
    return this.search.page(declared(queue), parseState(state), cursor, limit, q);
  }

  @GET
  @Path("/{queue}/jobs/{id}")
  @Operation(summary = "One job: data, options, timestamps, result (the wamid of a send) and its failed attempts with error and stack")
  @APIResponse(responseCode = "200", description = "The job")
  @APIResponse(responseCode = "401", ref = ApiDescription.ADMIN_UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = ApiDescription.ADMIN_FORBIDDEN)
  @APIResponse(responseCode = "404", description = "unknown_queue or job_not_found")
  public Uni<Job> job(@RestPath String queue, @RestPath String id) {
    return this.jobs.find(declared(queue), id).map(found -> found.orElseThrow(() -> notFound(queue, id)));
  }

  @POST
  @Path("/{queue}/jobs/{id}/promote")
  @Operation(summary = "Run a delayed job (or a failed one waiting for its retry) now")
  @APIResponse(responseCode = "200", description = "{queue, jobId, state: waiting}")
  @APIResponse(responseCode = "401", ref = ApiDescription.ADMIN_UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = ApiDescription.ADMIN_FORBIDDEN)
  @APIResponse(responseCode = "404", description = "unknown_queue or job_not_found")
  @APIResponse(responseCode = "409", description = "job_not_delayed: the job is in another state")
  public Uni<Promoted> promote(@RestPath String queue, @RestPath String id) {
    return this.admin.promote(declared(queue), id).map(outcome -> switch (outcome) {
      case PROMOTED -> new Promoted(queue, id, JobState.WAITING.wireName());
      case NOT_FOUND -> throw notFound(queue, id);
      case NOT_DELAYED -> throw new ApiException(409, "job_not_delayed", "Job " + id + " is not delayed; only delayed jobs and pending retries are promoted");
    });
  }

  @POST
  @Path("/test")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Enqueue a test job on a named queue",
      description = "Body {queue, data (any JSON, default {\"test\": true}), priority 0–10, delayMs, group, jobId}. The queue's "
          + "processor runs it like any job: a payload it cannot read fails and shows in the dead jobs.")
  @APIResponse(responseCode = "201", description = "{jobId, created, state}")
  @APIResponse(responseCode = "400", description = "invalid_request: which field and why")
  @APIResponse(responseCode = "401", ref = ApiDescription.ADMIN_UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = ApiDescription.ADMIN_FORBIDDEN)
  @APIResponse(responseCode = "404", description = "unknown_queue")
  public Uni<RestResponse<EnqueueResult>> test(TestJob body) {
    if (body == null || body.queue() == null || body.queue().isBlank()) {
      throw ApiException.invalid("queue", "must name a declared queue");
    }
    String queue = declared(body.queue());
    JobOptions options = JobOptions.defaults();
    if (body.priority() != null) {
      if (body.priority() < JobOptions.MIN_PRIORITY || body.priority() > JobOptions.MAX_PRIORITY) {
        throw ApiException.invalid("priority", "must be between 0 and 10");
      }
      options = options.withPriority(body.priority());
    }
    if (body.delayMs() != null) {
      if (body.delayMs() < 0) {
        throw ApiException.invalid("delayMs", "must be 0 or more");
      }
      options = options.withDelay(Duration.ofMillis(body.delayMs()));
    }
    if (body.group() != null && !body.group().isBlank()) {
      options = options.withGroup(body.group());
    }
    if (body.jobId() != null && !body.jobId().isBlank()) {
      options = options.withJobId(body.jobId());
    }
    String data = body.data() == null || body.data().isNull() ? "{\"test\":true}" : body.data().toString();
    return this.jobs.enqueue(queue, data, options).map(result -> RestResponse.status(RestResponse.Status.CREATED, result));
  }

  @GET
  @Path("/{queue}/throughput")
  @Operation(summary = "Jobs completed and attempts failed per second over the last seconds (all replicas; at most 900)")
  @APIResponse(responseCode = "200", description = "{queue, fromSecond, completed[], failed[]}, oldest second first")
  @APIResponse(responseCode = "400", description = "invalid_request: seconds out of 1–900")
  @APIResponse(responseCode = "401", ref = ApiDescription.ADMIN_UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = ApiDescription.ADMIN_FORBIDDEN)
  @APIResponse(responseCode = "404", description = "unknown_queue")
  public Uni<Throughput> throughput(@RestPath String queue, @RestQuery @DefaultValue("300") int seconds) {
    if (seconds < 1 || seconds > MAX_SECONDS) {
      throw ApiException.invalid("seconds", "must be between 1 and " + MAX_SECONDS);
    }
    return this.browser.throughput(declared(queue), seconds);
  }

  @GET
  @Path("/{queue}/groups")
  @Operation(summary = "Per group (tenant): jobs in flight against its limit and jobs waiting behind it")
  @APIResponse(responseCode = "200", description = "[{group, active, limit, parked}] in group order")
  @APIResponse(responseCode = "401", ref = ApiDescription.ADMIN_UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = ApiDescription.ADMIN_FORBIDDEN)
  @APIResponse(responseCode = "404", description = "unknown_queue")
  public Uni<List<GroupLoad>> groups(@RestPath String queue) {
    String name = declared(queue);
    List<String> known = this.knownGroups.stream().filter(groups -> groups.queue().equals(name))
        .flatMap(groups -> groups.groups().stream()).toList();
    return this.browser.groups(name, known);
  }

  private String declared(String queue) {
    if (!this.registry.isDeclared(queue)) {
      throw new ApiException(404, "unknown_queue", "No queue named '" + queue + "'; declared queues: "
          + this.registry.declared().stream().map(settings -> settings.queue()).toList());
    }
    return queue;
  }

  private static JobState parseState(String state) {
    try {
      return JobState.fromWire(state);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("state", "must be one of waiting, active, delayed, failed, completed, dead, was '" + state + "'");
    }
  }

  private static ApiException notFound(String queue, String id) {
    return new ApiException(404, "job_not_found", "No job " + id + " in queue " + queue);
  }

  @RegisterForReflection
  public record Promoted(String queue, String jobId, String state) {
  }

  @RegisterForReflection
  public record TestJob(String queue, JsonNode data, Integer priority, Long delayMs, String group, String jobId) {
  }
}
