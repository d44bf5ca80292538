package dev.switchboard.send;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Records the order in which send attempts start (the processor's {@link SendStarted} events). */
@ApplicationScoped
public class SendStartLog {

  private final List<SendStarted> starts = new ArrayList<>();

  void onStart(@Observes SendStarted started) {
    synchronized (this.starts) {
      this.starts.add(started);
    }
  }

  public List<SendStarted> starts() {
    synchronized (this.starts) {
      return List.copyOf(this.starts);
    }
  }

  public void clear() {
    synchronized (this.starts) {
      this.starts.clear();
    }
  }
}
