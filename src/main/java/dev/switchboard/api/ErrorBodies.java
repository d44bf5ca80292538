package dev.switchboard.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;

/**
 * Every error answer of the API has the one error shape ({@code ErrorResponse}), so an endpoint's {@code @APIResponse}
 * for a 4xx or 5xx only says what the error means: this filter adds the body to each one that declares none.
 */
public class ErrorBodies implements OASFilter {

  static final String ERROR_SCHEMA = "#/components/schemas/ErrorResponse";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    openAPI.getPaths().getPathItems().values().forEach(path -> path.getOperations().values().forEach(ErrorBodies::fill));
  }

  private static void fill(Operation operation) {
    if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
      return;
    }
    operation.getResponses().getAPIResponses().forEach((code, response) -> {
      if (isError(code) && response.getRef() == null && response.getContent() == null) {
        response.setContent(errorBody());
      }
    });
  }

  private static boolean isError(String code) {
    return code.startsWith("4") || code.startsWith("5");
  }

  private static Content errorBody() {
    return OASFactory.createContent().addMediaType(ApiDescription.JSON,
        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_SCHEMA)));
  }
}
