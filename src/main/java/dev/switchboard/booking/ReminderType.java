package dev.switchboard.booking;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Kinds of booking reminder; a booking has at most one pending reminder of each. {@code day_before} and
 * {@code hour_before} have a lead time, so their send time can be computed from the service date.
 */
public enum ReminderType {
  DAY_BEFORE(Duration.ofHours(24)), HOUR_BEFORE(Duration.ofHours(1)), CUSTOM(null);

  private final Duration leadTime;

  ReminderType(Duration leadTime) {
    this.leadTime = leadTime;
  }

  /** How long before the service date the reminder goes out when the request gives no {@code sendAt}. */
  public Optional<Duration> leadTime() {
    return Optional.ofNullable(this.leadTime);
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ReminderType> fromWire(String value) {
    return Arrays.stream(values()).filter(type -> type.wireName().equals(value)).findFirst();
  }

  /** The names an API caller may use, for error messages. */
  public static String wireNames() {
    return String.join(", ", Arrays.stream(values()).map(ReminderType::wireName).toList());
  }
}
