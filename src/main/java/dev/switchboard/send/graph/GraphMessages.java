package dev.switchboard.send.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.send.SendJob;

/** The Cloud API request body for a send job ({@code POST /<version>/<phone-number-id>/messages}). */
final class GraphMessages {

  private GraphMessages() {
  }

  static ObjectNode body(ObjectMapper mapper, SendJob job) {
    ObjectNode body = mapper.createObjectNode();
    body.put("messaging_product", "whatsapp");
    body.put("recipient_type", "individual");
    body.put("to", job.to());
    if (job.template() == null) {
      body.put("type", "text");
      ObjectNode text = body.putObject("text");
      text.put("preview_url", Boolean.TRUE.equals(job.previewUrl()));
      text.put("body", job.text());
    } else {
      body.put("type", "template");
      ObjectNode template = body.putObject("template");
      template.put("name", job.template().name());
      template.putObject("language").put("code", job.template().language());
      if (job.template().components() != null && !job.template().components().isEmpty()) {
        template.set("components", job.template().components());
      }
    }
    return body;
  }
}
