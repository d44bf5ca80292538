package dev.switchboard.operations.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CLI's command line, parsed before Quarkus starts, so that {@code --help} and typos answer at once and never need
 * Redis. Verbs and flags are those of the old {@code clear-cache.js}: {@code stats}, {@code all [--queue]},
 * {@code old [--hours=N]}, {@code user <phone> [--tenant=ID]}, {@code maintenance [--weekly]}; {@code --json} on each.
 */
public record CliArguments(Verb verb, boolean json, boolean queues, int hours, String phone, Optional<String> tenant, boolean weekly,
    boolean verbose) {

  public enum Verb {
    HELP, STATS, ALL, OLD, USER, MAINTENANCE, TENANTS, TENANT
  }

  public static final String USAGE = String.join("\n",
      "Usage: switchboard-cli <command> [options]",
      "",
      "Commands (each talks to Redis directly; the HTTP server need not run):",
      "  stats                     user states, cache keys per namespace, Redis memory, queues, last maintenance runs",
      "  all [--queue]             clear every cache namespace and all user states; --queue: also every queue job",
      "                            that is not running (waiting, delayed, finished)",
      "  old [--hours=N]           clear user states last updated more than N hours ago (default 24)",
      "  user <phone> [--tenant=ID] clear one customer's state and cached views (every tenant unless --tenant)",
      "  maintenance [--weekly]    run the daily (or weekly) maintenance now, unless another replica runs it",
      "  tenants list              every tenant (configured and registry) with its state and limits, no secrets",
      "  tenants show <id>         one tenant: numbers, limits, state, token ids and deadlines, no secrets",
      "",
      "Options:",
      "  --json                    print the result as JSON",
      "  --verbose                 show the service's log on stderr",
      "  --help                    this text",
      "",
      "Exit codes: 0 done, 1 failed, 2 Redis connection failed, 64 wrong usage.");

  /** The parsed command, or the reason it is not one. */
  public static Parsed parse(String... args) {
    List<String> words = new ArrayList<>();
    boolean json = false;
    boolean queues = false;
    boolean weekly = false;
    boolean verbose = false;
    boolean help = false;
    Integer hours = null;
    String tenant = null;
    for (String arg : args) {
      if (arg.equals("--json")) {
        json = true;
      } else if (arg.equals("--queue") || arg.equals("--queues")) {
        queues = true;
      } else if (arg.equals("--weekly")) {
        weekly = true;
      } else if (arg.equals("--verbose")) {
        verbose = true;
      } else if (arg.equals("--help") || arg.equals("-h") || arg.equals("help")) {
        help = true;
      } else if (arg.startsWith("--hours=")) {
        try {
          hours = Integer.parseInt(arg.substring("--hours=".length()));
        } catch (NumberFormatException e) {
          return Parsed.error("--hours must be a whole number of hours, was '" + arg.substring("--hours=".length()) + "'");
        }
        if (hours < 1 || hours > 8760) {
          return Parsed.error("--hours must be between 1 and 8760, was " + hours);
        }
      } else if (arg.startsWith("--tenant=")) {
        tenant = arg.substring("--tenant=".length());
        if (!tenant.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
          return Parsed.error("--tenant must be a tenant id");
        }
      } else if (arg.startsWith("-")) {
        return Parsed.error("unknown option " + arg);
      } else {
        words.add(arg);
      }
    }
    if (help) {
      return Parsed.of(new CliArguments(Verb.HELP, json, false, 24, null, Optional.empty(), false, verbose));
    }
    if (words.isEmpty()) {
      return Parsed.error("no command given");
    }
    Verb verb;
    switch (words.get(0)) {
      case "stats" -> verb = Verb.STATS;
      case "all" -> verb = Verb.ALL;
      case "old" -> verb = Verb.OLD;
      case "user" -> verb = Verb.USER;
      case "maintenance" -> verb = Verb.MAINTENANCE;
      case "tenants" -> {
        return tenants(words, json, verbose, tenant != null || queues || hours != null || weekly);
      }
      default -> {
        return Parsed.error("unknown command '" + words.get(0) + "'");
      }
    }
    int expectedWords = verb == Verb.USER ? 2 : 1;
    if (words.size() != expectedWords) {
      return Parsed.error(verb == Verb.USER && words.size() == 1 ? "user needs a phone number: user <phone>"
          : "unexpected argument '" + words.get(expectedWords < words.size() ? expectedWords : 0) + "'");
    }
    String phone = verb == Verb.USER ? words.get(1) : null;
    if (phone != null && !phone.matches("\\+?[0-9A-Za-z._-]{3,64}")) {
      return Parsed.error("phone must be a phone number or a WhatsApp user id");
    }
    if (queues && verb != Verb.ALL || hours != null && verb != Verb.OLD || tenant != null && verb != Verb.USER
        || weekly && verb != Verb.MAINTENANCE) {
      return Parsed.error("an option does not apply to '" + words.get(0) + "'; see --help");
    }
    return Parsed.of(new CliArguments(verb, json, queues, hours == null ? 24 : hours, phone, Optional.ofNullable(tenant), weekly, verbose));
  }

  /** {@code tenants list} and {@code tenants show <id>}: the tenant the command is about travels as {@link #tenant}. */
  private static Parsed tenants(List<String> words, boolean json, boolean verbose, boolean otherOptions) {
    if (otherOptions) {
      return Parsed.error("an option does not apply to 'tenants'; see --help");
    }
    if (words.size() == 2 && words.get(1).equals("list")) {
      return Parsed.of(new CliArguments(Verb.TENANTS, json, false, 24, null, Optional.empty(), false, verbose));
    }
    if (words.size() == 3 && words.get(1).equals("show")) {
      if (!words.get(2).matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
        return Parsed.error("a tenant id is letters, digits, - and _ (at most 64)");
      }
      return Parsed.of(new CliArguments(Verb.TENANT, json, false, 24, null, Optional.of(words.get(2)), false, verbose));
    }
    return Parsed.error("tenants needs 'list' or 'show <id>'");
  }

  /** Either arguments or an error message. */
  public record Parsed(CliArguments arguments, String error) {

    static Parsed of(CliArguments arguments) {
      return new Parsed(arguments, null);
    }

    static Parsed error(String error) {
      return new Parsed(null, error);
    }
  }
}
