package dev.switchboard.admin.dashboard;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.queue.QueueRegistry;
import dev.switchboard.queue.QueueSettings;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /admin/queues}: the dashboard's shell page (Qute). It carries no queue data and no secret, so it is served
 * without a token (see AdminAuth); its script (/admin/assets, in the jar) asks for the admin token or a JWT once, keeps
 * it in the browser session and calls the admin API with it. Everything shown comes from that API.
 */
@Path("/admin/queues")
@Tag(name = "Dashboard")
public class DashboardResource {

  private final Template page;
  private final QueueRegistry registry;

  public DashboardResource(@Location("dashboard/queues.html") Template page, QueueRegistry registry) {
    this.page = page;
    this.registry = registry;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "The queue dashboard (HTML); it asks for the admin token and reads everything through the admin API")
  @APIResponse(responseCode = "200", description = "The page")
  public Uni<String> page() {
    List<String> queues = this.registry.declared().stream().map(QueueSettings::queue).sorted().toList();
    return this.page.data("queues", queues).createUni();
  }
}
