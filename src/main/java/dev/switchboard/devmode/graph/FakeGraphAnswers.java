package dev.switchboard.devmode.graph;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the dev-mode Graph API answers: a fresh wamid for each send, unless an error was asked for, which the next
 * send answers instead (each asked-for error once, in order). The error bodies have Meta's shape and HTTP statuses,
 * so the send path decides on them exactly as it would on the real Graph API's.
 */
public final class FakeGraphAnswers {

  /** Titles of the codes a developer most likely wants to try; any other code gets a generic one. */
  private static final Map<Integer, String> TITLES = Map.ofEntries(
      Map.entry(4, "Application request limit reached"),
      Map.entry(100, "Invalid parameter"),
      Map.entry(190, "Access token has expired"),
      Map.entry(368, "Temporarily blocked for policies violations"),
      Map.entry(80007, "Rate limit issues"),
      Map.entry(130429, "Rate limit hit"),
      Map.entry(131000, "Something went wrong"),
      Map.entry(131016, "Service unavailable"),
      Map.entry(131026, "Message undeliverable"),
      Map.entry(131047, "Re-engagement message"),
      Map.entry(131048, "Spam rate limit hit"),
      Map.entry(131056, "(Business Account, Consumer Account) pair rate limit hit"),
      Map.entry(131057, "Account in maintenance mode"));

  private final SecureRandom random = new SecureRandom();
  private final ConcurrentLinkedQueue<Integer> errors = new ConcurrentLinkedQueue<>();

  /** One answer of the fake Graph API: an HTTP status, its JSON body, and the wamid or the error code it carries. */
  public record Answer(int status, Map<String, Object> body, String wamid, Integer code) {
  }

  /** The next {@code times} sends answer Graph error {@code code}. */
  public void failNext(int code, int times) {
    for (int i = 0; i < times; i++) {
      this.errors.add(code);
    }
  }

  /** Forgets every error not answered yet; answers how many there were. */
  public int clear() {
    int pending = 0;
    while (this.errors.poll() != null) {
      pending++;
    }
    return pending;
  }

  public int pendingErrors() {
    return this.errors.size();
  }

  /** The answer to one send to {@code to}: the next asked-for error, else success with a new wamid. */
  public Answer send(String to) {
    Integer code = this.errors.poll();
    return code == null ? success(to) : error(code);
  }

  private Answer success(String to) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("messaging_product", "whatsapp");
    String input = to == null ? "" : to;
    body.put("contacts", new Object[] { Map.of("input", input, "wa_id", input.replaceAll("\\D", "")) });
    String wamid = wamid();
    body.put("messages", new Object[] { Map.of("id", wamid) });
    return new Answer(200, body, wamid, null);
  }

  static Answer error(int code) {
    String title = TITLES.getOrDefault(code, "Error asked for in dev mode");
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", "(#" + code + ") " + title);
    error.put("type", "OAuthException");
    error.put("code", code);
    error.put("error_data", Map.of("messaging_product", "whatsapp", "details", "asked for with POST /dev/graph/next-error"));
    error.put("fbtrace_id", "dev-fake-graph");
    return new Answer(status(code), Map.of("error", error), null, code);
  }

  /** The HTTP status Meta answers with for a code (our send path decides on the code, never on this). */
  static int status(int code) {
    return switch (code) {
      case 190 -> 401;
      case 368 -> 403;
      case 131000, 131016, 131057 -> 500;
      default -> 400;
    };
  }

  /** A wamid of Meta's look: {@code wamid.HBgL} and base64 of random bytes (real ones encode the number and a message id). */
  String wamid() {
    byte[] bytes = new byte[30];
    this.random.nextBytes(bytes);
    bytes[0] = 0x1c; // these three bytes encode as "HBgL", as every real wamid begins
    bytes[1] = 0x18;
    bytes[2] = 0x0b;
    return "wamid." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
