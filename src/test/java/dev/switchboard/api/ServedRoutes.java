package dev.switchboard.api;

import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;

/** The application's router, kept so a test can list the endpoints served by plain Vert.x routes, beside Quarkus REST's. */
@ApplicationScoped
public class ServedRoutes {

  private volatile Router router;

  void keep(@Observes Router router) {
    this.router = router;
  }

  /**
   * Method and path of every route with both, outside Quarkus' own {@code /q/} pages. Quarkus REST serves its
   * resources through routes with no method of their own, so none of them is listed here.
   */
  Set<String> endpoints() {
    Set<String> endpoints = new TreeSet<>();
    for (Route route : this.router.getRoutes()) {
      Set<HttpMethod> methods = route.methods();
      String path = route.getPath();
      if (methods == null || methods.isEmpty() || path == null || path.startsWith("/q/")) {
        continue;
      }
      methods.forEach(method -> endpoints.add(method.name() + " " + path));
    }
    return endpoints;
  }
}
