package dev.switchboard.testing;

import static io.restassured.RestAssured.given;

/** Reads the service's Prometheus page, so tests can compare a counter before and after what they do. */
public final class Metrics {

  private Metrics() {
  }

  /** Sum of a series' samples whose labels contain {@code labels} ("" for all of them). */
  public static double value(String name, String labels) {
    return value(io.restassured.RestAssured.port, name, labels);
  }

  /** {@link #value(String, String)} of the service listening on {@code port} (another replica). */
  public static double value(int port, String name, String labels) {
    String text = given().port(port).accept("text/plain; version=0.0.4").when().get("/q/metrics").then().statusCode(200).extract().asString();
    return text.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{") && line.contains(labels))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }
}
