package dev.switchboard.queue.connector;

import java.lang.reflect.Type;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.queue.JobMetadata;
import dev.switchboard.queue.PermanentJobFailure;
import io.smallrye.reactive.messaging.MessageConverter;

/**
 * Turns a job's JSON payload into the type an {@code @Incoming} method asks for. Types deserialized here need
 * {@code @RegisterForReflection} for the native image. A payload that does not parse can never succeed: the job
 * goes dead at once, and the processor gets a null payload whose outcome no longer counts (the delivery is
 * settled). Throwing here instead would end the channel's stream.
 */
@ApplicationScoped
public class JsonPayloadConverter implements MessageConverter {

  private final ObjectMapper mapper;

  public JsonPayloadConverter(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public boolean canConvert(Message<?> in, Type target) {
    return in.getPayload() instanceof String && target != String.class && target != Object.class
        && in.getMetadata(JobMetadata.class).isPresent();
  }

  @Override
  public Message<?> convert(Message<?> in, Type target) {
    try {
      return in.withPayload(this.mapper.readValue((String) in.getPayload(), this.mapper.constructType(target)));
    } catch (JsonProcessingException e) {
      in.nack(new PermanentJobFailure("payload is not a valid " + target.getTypeName() + ": " + e.getOriginalMessage()));
      return in.withPayload(null);
    }
  }
}
