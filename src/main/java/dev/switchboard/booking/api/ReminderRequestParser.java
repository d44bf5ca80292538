package dev.switchboard.booking.api;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.booking.ReminderRequest;
import dev.switchboard.booking.ReminderType;
import dev.switchboard.api.JsonBody;
import dev.switchboard.error.ApiException;
import dev.switchboard.send.SendJob;
import dev.switchboard.send.api.SendRequestParser;

/**
 * Reads and validates a reminder request; every refusal is a 400 naming the field. The customer's number and the
 * template are checked as the send API checks them. Without {@code sendAt}, {@code day_before} and {@code hour_before}
 * go out 24 h and 1 h before {@code serviceDate}; a send time that is not in the future is refused, computed or given
 * (a reminder "the day before" a booking made for this afternoon would arrive after the fact).
 */
@ApplicationScoped
public class ReminderRequestParser {

  static final int MAX_SERVICE_NAME = 200;
  static final Pattern BOOKING_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

  private final ObjectMapper mapper;
  private final Clock clock;

  public ReminderRequestParser(ObjectMapper mapper) {
    this.mapper = mapper;
    this.clock = Clock.systemUTC();
  }

  public ReminderRequest parse(String body) {
    JsonNode root = JsonBody.object(this.mapper, body);
    String bookingId = bookingId(root.get("bookingId"), "bookingId");
    String phone = SendRequestParser.phoneNumber(root.get("customerPhone"), "customerPhone");
    String serviceName = serviceName(root.get("serviceName"));
    OffsetDateTime serviceDate = serviceDate(root.get("serviceDate"));
    ReminderType type = type(JsonBody.present(root.get("reminderType")), "reminderType")
        .orElseThrow(() -> ApiException.invalid("reminderType", "is required"));
    JsonNode template = JsonBody.present(root.get("template"));
    SendJob.Template parsed = template == null ? null : SendRequestParser.template(template, false);
    return new ReminderRequest(bookingId, phone, serviceName, serviceDate, type, sendAt(root.get("sendAt"), type, serviceDate), parsed);
  }

  /** A booking id from the path or the body: safe in Redis keys, job ids and logs. */
  public static String bookingId(JsonNode node, String field) {
    if (JsonBody.present(node) == null) {
      throw ApiException.invalid(field, "is required");
    }
    return bookingId(node.isTextual() || node.isIntegralNumber() ? node.asText() : null, field);
  }

  public static String bookingId(String value, String field) {
    if (value == null || !BOOKING_ID.matcher(value).matches()) {
      throw ApiException.invalid(field, "must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
    }
    return value;
  }

  /** The {@code type} query parameter or the body's {@code reminderType}: empty when absent. */
  public static Optional<ReminderType> type(JsonNode node, String field) {
    if (node == null) {
      return Optional.empty();
    }
    return Optional.of(type(node.isTextual() ? node.asText() : null, field));
  }

  public static ReminderType type(String value, String field) {
    return ReminderType.fromWire(value).orElseThrow(() -> ApiException.invalid(field, "must be one of " + ReminderType.wireNames()));
  }

  private Instant sendAt(JsonNode node, ReminderType type, OffsetDateTime serviceDate) {
    Instant now = this.clock.instant();
    if (JsonBody.present(node) == null) {
      if (type.leadTime().isEmpty()) {
        throw ApiException.invalid("sendAt", "is required for a custom reminder");
      }
      Instant computed = serviceDate.toInstant().minus(type.leadTime().get());
      if (!computed.isAfter(now)) {
        throw ApiException.invalid("sendAt", "serviceDate minus " + type.leadTime().get().toHours()
            + " h is already past; give a sendAt in the future or leave this reminder out");
      }
      return computed;
    }
    Instant sendAt;
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      sendAt = Instant.ofEpochMilli(node.asLong());
    } else if (node.isTextual()) {
      sendAt = dateTime(node.asText(), "sendAt").toInstant();
    } else {
      throw ApiException.invalid("sendAt", "must be an ISO-8601 date-time with offset or epoch milliseconds");
    }
    if (!sendAt.isAfter(now)) {
      throw ApiException.invalid("sendAt", "must be in the future");
    }
    return sendAt;
  }

  private static OffsetDateTime serviceDate(JsonNode node) {
    if (JsonBody.present(node) == null) {
      throw ApiException.invalid("serviceDate", "is required");
    }
    return dateTime(node.isTextual() ? node.asText() : "", "serviceDate");
  }

  private static OffsetDateTime dateTime(String value, String field) {
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeException e) {
      throw ApiException.invalid(field, "must be an ISO-8601 date-time with offset, such as 2026-12-24T15:00:00+01:00");
    }
  }

  private static String serviceName(JsonNode node) {
    if (JsonBody.present(node) == null) {
      throw ApiException.invalid("serviceName", "is required");
    }
    if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > MAX_SERVICE_NAME) {
      throw ApiException.invalid("serviceName", "must be a string of 1 to " + MAX_SERVICE_NAME + " characters");
    }
    return node.asText().strip();
  }
}
