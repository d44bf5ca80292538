package dev.switchboard.devmode;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.arc.profile.IfBuildProfile;

/**
 * Dev mode only (absent from the packaged application): a page at {@code /} that points a developer at what the
 * service offers. Production answers 404 at {@code /}, as it says nothing there to the world.
 */
@Path("/")
@IfBuildProfile("dev")
@Tag(name = "Dev mode", description = "Only in ./mvnw quarkus:dev")
public class DevLandingPage {

  static final String PAGE = """
      <!DOCTYPE html>
      <html lang="en">
      <head><meta charset="utf-8"><title>Switchboard (dev mode)</title>
      <style>body{font-family:system-ui,sans-serif;max-width:46em;margin:2em auto;line-height:1.5}
      code{background:#f3f3f3;padding:0 .25em}td{padding:.15em .8em .15em 0;vertical-align:top}</style></head>
      <body>
      <h1>Switchboard is running in dev mode</h1>
      <ul>
        <li><a href="/admin/queues">Dashboard</a> <code>/admin/queues</code> (admin token <code>dev-admin-token</code>)</li>
        <li><a href="/q/swagger-ui">Swagger UI</a> <code>/q/swagger-ui</code>, the API description <a href="/q/openapi">/q/openapi</a></li>
        <li><a href="/q/health">Health</a> <code>/q/health</code> and <a href="/health/detailed">detailed health</a> <code>/health/detailed</code></li>
        <li><a href="/q/metrics">Metrics</a> <code>/q/metrics</code> (Prometheus)</li>
        <li><a href="/q/dev-ui">Quarkus Dev UI</a> <code>/q/dev-ui</code></li>
      </ul>
      <h2>Dev-mode defaults (the <code>%dev.</code> lines of application.properties)</h2>
      <table>
        <tr><td>tenant</td><td><code>acme</code>, API token <code>acme-api-token</code>, phone-number id <code>100000000000001</code></td></tr>
        <tr><td>webhook verify token</td><td><code>dev-verify-token</code></td></tr>
        <tr><td>webhook app secret</td><td><code>dev-app-secret</code> (<code>scripts/post-webhook samples/webhooks/text-message.json</code> signs with it)</td></tr>
        <tr><td>admin token</td><td><code>dev-admin-token</code></td></tr>
        <tr><td>Graph API</td><td>the fake one at <code>/dev/graph</code>: sends reach no one; <code>POST /dev/graph/next-error {"code":131026}</code> makes the next send fail</td></tr>
      </table>
      </body>
      </html>
      """;

  @GET
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "Dev mode's start page: links to the dashboard, Swagger UI, health and metrics, and the dev settings")
  @APIResponse(responseCode = "200", description = "An HTML page")
  public String page() {
    return PAGE;
  }
}
