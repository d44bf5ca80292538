package dev.switchboard.notification;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** A message as GreenMail received it: recipients, sender, subject, and its text and HTML parts. */
record ReceivedMail(List<String> to, String from, String subject, String contentType, String text, String html) {

  static ReceivedMail of(MimeMessage message) {
    try {
      Map<String, String> parts = new HashMap<>();
      collect(message, parts);
      Address[] recipients = message.getAllRecipients();
      return new ReceivedMail(recipients == null ? List.of() : java.util.Arrays.stream(recipients).map(Address::toString).toList(),
          message.getFrom()[0].toString(), message.getSubject(), message.getContentType(), parts.get("text/plain"), parts.get("text/html"));
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void collect(Part part, Map<String, String> parts) throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        collect(child, parts);
      }
    } else if (part.isMimeType("text/plain")) {
      parts.put("text/plain", part.getContent().toString());
    } else if (part.isMimeType("text/html")) {
      parts.put("text/html", part.getContent().toString());
    }
  }
}
