package dev.switchboard.notification;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.switchboard.devmode.LocalRedisServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * A real SMTP server (GreenMail) on a free loopback port for the whole test run, and the mailer settings that point
 * at it; as a test resource they reach the packaged app of the ITs (production profile) too. Tests that need an SMTP
 * outage stop it and start it again on the same port.
 */
@WithTestResource(value = MailServer.class, scope = TestResourceScope.GLOBAL)
public class MailServer implements QuarkusTestResourceLifecycleManager {

  public static final String FROM = "switchboard@test.example";
  private static final int PORT = LocalRedisServer.freePort();
  private static GreenMail server;

  public static synchronized GreenMail server() {
    if (server == null) {
      startServer();
    }
    return server;
  }

  /** Starts the SMTP server (again, after {@link #stopServer()}) on its port. */
  public static synchronized void startServer() {
    server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
  }

  /** An SMTP outage: nothing listens on the port until {@link #startServer()}. */
  public static synchronized void stopServer() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  @Override
  public Map<String, String> start() {
    server();
    return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(PORT),
        "quarkus.mailer.from", FROM, "quarkus.mailer.tls", "false", "quarkus.mailer.start-tls", "DISABLED",
        "quarkus.mailer.mock", "false");
  }

  @Override
  public void stop() {
    // kept for the whole run, like the Redis and the fake Graph API
  }

  /** The messages received so far for one recipient. */
  public static List<MimeMessage> receivedBy(String address) {
    return Arrays.stream(server().getReceivedMessages()).filter(message -> {
      try {
        Address[] to = message.getAllRecipients();
        return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address));
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }
}
