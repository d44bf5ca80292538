package dev.switchboard.send.graph;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.support.Mask;

/**
 * Decides what a failed Graph API call means for the message, by error code (see
 * {@code whatsapp-cloud-api.md} section 5.1): throughput and rate errors and server trouble are retried (after the
 * answer's Retry-After, the documented pause, or the queue's exponential backoff); a throughput error also pauses
 * the sender number; everything the request itself got wrong is permanent.
 */
@ApplicationScoped
public class GraphErrors {

  /** Cloud API message throughput reached (the number's messages per second). */
  public static final int THROUGHPUT = 130429;
  /** WABA rate limit (per rolling hour). */
  public static final int WABA_RATE = 80007;
  /** App rate limit. */
  public static final int APP_RATE = 4;
  /** Too many messages to the same recipient (pair rate limit): retry after 4^X seconds. */
  public static final int PAIR_RATE = 131056;
  /** Account in maintenance, e.g. a throughput upgrade (up to a minute). */
  public static final int MAINTENANCE = 131057;
  /** Access token expired or invalid. */
  public static final int TOKEN = 190;

  /** Transient server-side trouble: unknown error, service unavailable, API unknown/service. */
  private static final Set<Integer> TRANSIENT = Set.of(131000, 131016, 1, 2);

  /** Codes that are metric tags as they are (a small set); any other code is tagged {@code other}. */
  private static final Set<Integer> TAGGED = Set.of(THROUGHPUT, WABA_RATE, APP_RATE, PAIR_RATE, MAINTENANCE, TOKEN, 131000,
      131016, 1, 2, 100, 131047, 131026, 131048, 131049, 131050, 130472, 368, 131051, 132000, 132001, 133010);

  private static final Pattern DIGITS = Pattern.compile("\\+?\\d{7,}");

  private final Duration throughputPause;
  private final Duration slowRetry;

  @Inject
  public GraphErrors(SwitchboardConfig config) {
    this(config.send().throughputPause(), config.send().slowRetry());
  }

  GraphErrors(Duration throughputPause, Duration slowRetry) {
    this.throughputPause = throughputPause;
    this.slowRetry = slowRetry;
  }

  /**
   * What to do after a failed call.
   *
   * @param retry whether another attempt can succeed
   * @param retryAfter when to try again; null leaves it to the queue's exponential backoff
   * @param pauseNumber how long no message of this sender number may be sent; null for none
   * @param code the error code as text (the Graph code, {@code timeout}, {@code network} or {@code http_<status>})
   * @param title a sentence for the caller and the job's last error, with phone numbers masked
   * @param tokenRejected Meta refused the access token: raise the alert metric
   */
  public record Verdict(boolean retry, Duration retryAfter, Duration pauseNumber, String code, String title, boolean tokenRejected) {

    /** Low-cardinality metric tag for the code. */
    public String metricCode() {
      try {
        return TAGGED.contains(Integer.parseInt(this.code)) ? this.code : "other";
      } catch (NumberFormatException e) {
        return this.code.startsWith("http_") ? "http" : this.code;
      }
    }
  }

  public Verdict classify(GraphException failure, int attempt) {
    GraphError error = failure.error();
    Duration retryAfter = failure.retryAfter();
    if (error == null) {
      String code = failure.status() == 0 ? (failure.isTimeout() ? "timeout" : "network") : "http_" + failure.status();
      String title = failure.status() == 0 ? mask(failure.getMessage()) : "Graph API answered HTTP " + failure.status();
      boolean retry = failure.status() == 0 || failure.status() == 429 || failure.status() >= 500;
      return new Verdict(retry, retryAfter, null, code, title, false);
    }
    String code = Integer.toString(error.code());
    String title = title(error);
    return switch (error.code()) {
      case THROUGHPUT -> {
        Duration pause = orElse(retryAfter, this.throughputPause);
        yield new Verdict(true, pause, pause, code, title, false);
      }
      case WABA_RATE -> {
        Duration pause = orElse(retryAfter, this.slowRetry);
        yield new Verdict(true, pause, pause, code, title, false);
      }
      case APP_RATE, MAINTENANCE -> new Verdict(true, orElse(retryAfter, this.slowRetry), null, code, title, false);
      case PAIR_RATE -> new Verdict(true, orElse(retryAfter, pairRatePause(attempt)), null, code, title, false);
      case TOKEN -> new Verdict(false, null, null, code, title, true);
      default -> {
        boolean retry = TRANSIENT.contains(error.code()) || Boolean.TRUE.equals(error.isTransient())
            || (failure.status() >= 500 && !Boolean.FALSE.equals(error.isTransient()));
        yield new Verdict(retry, retryAfter, null, code, title, false);
      }
    };
  }

  /** 4^X seconds, X = 0, 1, 2… for the attempts so far (Meta's advice for 131056). */
  static Duration pairRatePause(int attempt) {
    int x = Math.max(0, Math.min(attempt - 1, 6));
    return Duration.ofSeconds(1L << (2 * x));
  }

  private static String title(GraphError error) {
    String title = error.message() == null ? "Graph API error " + error.code() : error.message();
    if (error.details() != null && !error.details().isBlank() && !title.contains(error.details())) {
      title = title + ": " + error.details();
    }
    return mask(title);
  }

  /** Error texts can quote the recipient: phone numbers leave masked. */
  static String mask(String text) {
    if (text == null) {
      return null;
    }
    Matcher matcher = DIGITS.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(Mask.phone(matcher.group())));
    }
    matcher.appendTail(out);
    return out.length() > 300 ? out.substring(0, 300) + "…" : out.toString();
  }

  private static Duration orElse(Duration value, Duration fallback) {
    return value != null ? value : fallback;
  }
}
