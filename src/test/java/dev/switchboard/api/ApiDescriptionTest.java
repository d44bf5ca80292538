package dev.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.ws.rs.HttpMethod;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The API description at {@code /q/openapi} against the code: every endpoint this build serves, JAX-RS or plain
 * Vert.x route, is in it, under the same method and path, nothing else is, and each operation says what it does, who may call it and what every
 * answer looks like. A new endpoint without its annotations fails here.
 */
@QuarkusTest
class ApiDescriptionTest {

  private static final Set<String> SCHEMES = Set.of(ApiDescription.TENANT, ApiDescription.ADMIN, ApiDescription.META);
  /** Endpoints whose failures are their own report rather than an {@code ErrorResponse}. */
  private static final Set<String> OWN_ERROR_BODY = Set.of("GET /health/detailed", "GET /admin/queue/health");
  // the dashboard's shell page holds no data and no secret: served to anyone, it has no error of its own
  private static final Set<String> PUBLIC_PAGES = Set.of("GET /admin/queues");

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void shouldListExactlyTheEndpointsTheServiceServes() throws Exception {
    Set<String> served = servedEndpoints(ApiDescription.class);
    Set<String> routes = Arc.container().instance(ServedRoutes.class).get().endpoints();
    assertThat(routes).as("endpoints on plain Vert.x routes").contains("POST /webhooks/whatsapp").doesNotContainAnyElementsOf(served);
    served.addAll(routes);
    Set<String> described = new TreeSet<>(operations(document()).keySet());
    // resources that tests add to the application are no part of the service's API
    described.removeAll(servedEndpoints(ApiDescriptionTest.class));

    assertThat(served).as("endpoints found in the build").hasSizeGreaterThan(30)
        .contains("POST /webhooks/whatsapp", "GET /webhooks/whatsapp", "POST /api/whatsapp/send", "GET /admin/queue/stats/{queue}", "GET /health/detailed");
    assertThat(described).as("operations in /q/openapi, compared with the endpoints served").isEqualTo(served);
  }

  @Test
  void shouldDescribeEveryOperationWithSummaryTagAnswersAndSecurity() throws Exception {
    JsonNode doc = document();
    List<String> problems = new ArrayList<>();
    operations(doc).forEach((endpoint, operation) -> {
      String path = endpoint.substring(endpoint.indexOf(' ') + 1);
      if (operation.path("summary").asText("").isBlank()) {
        problems.add(endpoint + ": no @Operation summary");
      }
      if (operation.path("tags").isEmpty()) {
        problems.add(endpoint + ": no @Tag");
      }
      Set<String> schemes = new TreeSet<>();
      operation.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add));
      if (!SCHEMES.containsAll(schemes)) {
        problems.add(endpoint + ": unknown security scheme in " + schemes);
      }
      if ((path.startsWith("/api/") || path.startsWith("/admin/")) && schemes.isEmpty() && !PUBLIC_PAGES.contains(endpoint)) {
        problems.add(endpoint + ": no @SecurityRequirement");
      }
      JsonNode body = operation.path("requestBody").path("content");
      if (!body.isMissingNode() && !body.has("application/json")) {
        problems.add(endpoint + ": request body not described as JSON (@RequestBody), only as " + ids(body));
      }
      List<String> codes = new ArrayList<>();
      operation.path("responses").fieldNames().forEachRemaining(codes::add);
      if (codes.stream().noneMatch(code -> code.startsWith("2"))) {
        problems.add(endpoint + ": no 2xx answer");
      }
      if (codes.stream().noneMatch(code -> code.startsWith("4") || code.startsWith("5")) && !PUBLIC_PAGES.contains(endpoint)) {
        problems.add(endpoint + ": no error answer");
      }
      for (String code : codes) {
        JsonNode response = resolve(doc, operation.path("responses").path(code));
        if (response.path("description").asText("").isBlank()) {
          problems.add(endpoint + " " + code + ": no description");
        }
        if ((code.startsWith("4") || code.startsWith("5")) && !OWN_ERROR_BODY.contains(endpoint)) {
          String schema = response.path("content").path("application/json").path("schema").path("$ref").asText("");
          if (!schema.equals("#/components/schemas/ErrorResponse")) {
            problems.add(endpoint + " " + code + ": error body is not ErrorResponse (" + schema + ")");
          }
        }
      }
    });
    assertThat(problems).as("operations missing part of their description").isEmpty();
  }

  @Test
  void shouldNameTheSchemeEachKindOfCallerUses() throws Exception {
    Map<String, JsonNode> operations = operations(document());
    assertThat(schemes(operations.get("POST /webhooks/whatsapp"))).containsExactly(ApiDescription.META);
    assertThat(schemes(operations.get("POST /api/whatsapp/send"))).containsExactly(ApiDescription.TENANT);
    assertThat(schemes(operations.get("POST /admin/queue/pause/{queue}"))).containsExactly(ApiDescription.ADMIN);
    assertThat(schemes(operations.get("GET /api/queue/metrics"))).containsExactly(ApiDescription.ADMIN);
    JsonNode send = operations.get("POST /api/whatsapp/send");
    assertThat(send.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText())
        .isEqualTo("#/components/schemas/SendRequest");
    assertThat(ids(send.path("responses"))).contains("202", "400", "401", "409", "429", "503");
  }

  @Test
  void shouldDescribeTheWebhookDeliveryServedOutsideQuarkusRest() throws Exception {
    JsonNode doc = document();
    JsonNode delivery = operations(doc).get("POST /webhooks/whatsapp");
    assertThat(delivery.path("tags").toString()).contains("Webhooks");
    assertThat(delivery.path("requestBody").path("required").asBoolean()).isTrue();
    assertThat(delivery.path("requestBody").path("content").path("application/json").path("schema").path("type").asText()).isEqualTo("object");
    assertThat(ids(delivery.path("responses"))).containsExactlyInAnyOrder("200", "400", "401", "413", "503");
    String ack = delivery.path("responses").path("200").path("content").path("application/json").path("schema").path("$ref").asText();
    assertThat(ack).isEqualTo("#/components/schemas/WebhookAck");
    assertThat(doc.at("/components/schemas/WebhookAck/properties").has("jobId")).isTrue();
    assertThat(delivery.path("responses").path("413").path("description").asText()).startsWith("payload_too_large");
  }

  @Test
  void shouldServeSwaggerUiOutsideProduction() {
    given().redirects().follow(true).get("/q/swagger-ui/").then().statusCode(200);
  }

  /** Method and path of every resource method of every JAX-RS resource class in {@code from}'s classes folder that is a bean of this build. */
  static Set<String> servedEndpoints(Class<?> from) throws IOException, URISyntaxException {
    Path classes = Path.of(from.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> endpoints = new TreeSet<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> type;
        try {
          type = Class.forName(name, false, from.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          continue;
        }
        jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
        // a resource left out of this build (a dev-mode-only page, say) is no bean here, and not served
        if (root == null || type.isInterface() || Arc.container().beanManager().getBeans(type).isEmpty()) {
          continue;
        }
        for (Method method : type.getDeclaredMethods()) {
          String verb = httpMethod(method);
          if (verb != null) {
            jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
            endpoints.add(verb + " " + join(root.value(), sub == null ? "" : sub.value()));
          }
        }
      }
    }
    return endpoints;
  }

  private static String httpMethod(Method method) {
    for (var annotation : method.getAnnotations()) {
      HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        return verb.value();
      }
    }
    return null;
  }

  /** JAX-RS paths as OpenAPI writes them: one slash between parts, none at the end, {@code {id: regex}} as {@code {id}}. */
  static String join(String root, String sub) {
    String path = ("/" + root + "/" + sub).replaceAll("\\{\\s*([^:}\\s]+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private JsonNode document() throws IOException {
    String body = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();
    return this.mapper.readTree(body);
  }

  private static Map<String, JsonNode> operations(JsonNode doc) {
    Map<String, JsonNode> operations = new java.util.TreeMap<>();
    doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
      String verb = entry.getKey().toUpperCase(Locale.ROOT);
      if (Set.of("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS").contains(verb)) {
        operations.put(verb + " " + path.getKey(), entry.getValue());
      }
    }));
    return operations;
  }

  /** A response object, following a {@code $ref} into {@code #/components/responses}. */
  private static JsonNode resolve(JsonNode doc, JsonNode response) {
    String ref = response.path("$ref").asText("");
    return ref.isEmpty() ? response : doc.at(ref.substring(1));
  }

  private static Set<String> schemes(JsonNode operation) {
    Set<String> schemes = new TreeSet<>();
    operation.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add));
    return schemes;
  }

  private static List<String> ids(JsonNode object) {
    List<String> ids = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
      ids.add(it.next());
    }
    return ids;
  }
}
