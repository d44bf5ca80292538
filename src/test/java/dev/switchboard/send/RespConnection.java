package dev.switchboard.send;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A bare Redis connection (RESP over a socket) for tests that play another replica: its commands stay on one
 * connection, so MULTI/EXEC works, and nothing of the application's clients is involved.
 */
final class RespConnection implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

  RespConnection(int port) throws IOException {
    this.socket = new Socket("127.0.0.1", port);
    this.out = this.socket.getOutputStream();
    this.in = new DataInputStream(this.socket.getInputStream());
  }

  Object call(List<String> command) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    buffer.writeBytes(("*" + command.size() + "\r\n").getBytes(StandardCharsets.UTF_8));
    for (String part : command) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      buffer.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
      buffer.writeBytes(bytes);
      buffer.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    this.out.write(buffer.toByteArray());
    this.out.flush();
    return read();
  }

  Object call(String... command) throws IOException {
    return call(List.of(command));
  }

  private Object read() throws IOException {
    char type = (char) this.in.readByte();
    String line = readLine();
    switch (type) {
      case '+':
        return line;
      case '-':
        throw new IOException("Redis error: " + line);
      case ':':
        return Long.parseLong(line);
      case '$': {
        int length = Integer.parseInt(line);
        if (length < 0) {
          return null;
        }
        byte[] bytes = new byte[length];
        this.in.readFully(bytes);
        readLine();
        return new String(bytes, StandardCharsets.UTF_8);
      }
      case '*': {
        int count = Integer.parseInt(line);
        if (count < 0) {
          return null;
        }
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          items.add(read());
        }
        return items;
      }
      default:
        throw new IOException("Unexpected reply type " + type);
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = this.in.read()) != '\r') {
      line.append((char) c);
    }
    this.in.read();
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    this.socket.close();
  }
}
