package dev.switchboard.operations.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The one entry point of the jar and the native binary: with no arguments it serves (HTTP, consumers, schedules);
 * with arguments it runs one CLI command against Redis and exits. CLI mode is set as runtime properties before
 * Quarkus starts, so it works the same in the native binary: no HTTP listener, no queue consumer, no scheduler, and
 * no console log unless {@code --verbose} (then on stderr), so that {@code --json} output stays parseable.
 */
@QuarkusMain
public final class SwitchboardMain {

  static final int EXIT_USAGE = 64;

  SwitchboardMain() {
  }

  public static void main(String... given) {
    String[] args = withoutSystemProperties(given);
    if (args.length == 0) {
      Quarkus.run(args);
      return;
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    CliArguments.Parsed parsed = CliArguments.parse(args);
    if (parsed.error() != null) {
      // the CLI's own answer to the operator, not a log line: stderr stays readable when logging is off (CLI mode)
      System.err.println("switchboard-cli: " + parsed.error() + " (see --help)");
      System.exit(EXIT_USAGE);
      return;
    }
    if (parsed.arguments().verb() == CliArguments.Verb.HELP) {
      out.println(CliArguments.USAGE);
      return;
    }
    cliMode(parsed.arguments().verbose());
    Quarkus.run(CliApplication.class, (code, failure) -> {
      if (failure != null) {
        // the one-line reason an operator reads in `kubectl exec` output; the CLI runs with console logging off
        System.err.println("Switchboard could not start: " + CliApplication.oneLine(failure));
        System.exit(1);
      }
      System.exit(code);
    }, args);
  }

  /**
   * {@code -Dname=value} arguments (the native image's ENTRYPOINT passes {@code -Dquarkus.http.host=0.0.0.0}) set
   * properties; they are not a command.
   */
  static String[] withoutSystemProperties(String[] args) {
    List<String> rest = new ArrayList<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (arg.startsWith("-D") && equals > 2) {
        System.setProperty(arg.substring(2, equals), arg.substring(equals + 1));
      } else {
        rest.add(arg);
      }
    }
    return rest.toArray(String[]::new);
  }

  /** Runtime properties (system properties win over application.properties and the environment). */
  static void cliMode(boolean verbose) {
    System.setProperty("quarkus.http.host-enabled", "false");
    System.setProperty("switchboard.queue.consumers-enabled", "false");
    System.setProperty("quarkus.scheduler.enabled", "false");
    // no requests to drain: a command exits at once
    System.setProperty("quarkus.shutdown.delay-enabled", "false");
    System.setProperty("quarkus.shutdown.delay", "0s");
    System.setProperty("quarkus.log.console.enabled", Boolean.toString(verbose));
    System.setProperty("quarkus.log.console.stderr", "true");
  }
}
