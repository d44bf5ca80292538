package dev.switchboard.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Coalesces concurrent single enqueues of one queue into shared script calls, one in flight at a time: the jobs
 * that arrive while a call is in flight go together in the next, and a lone job goes out at once.
 *
 * <p>A caller that enqueued from a Vert.x context gets its answer on that context; the callers of one context are
 * answered in one task. The next call goes out after those tasks on the event loop that took the reply, so callers
 * answered there that enqueue again at once (a busy producer) ride in that call together instead of the first of
 * them going out alone and the rest in the call after.
 *
 * @param <J> a job ready for the script
 * @param <R> what its caller gets back
 */
final class EnqueueBatcher<J, R> {

  private final int maxBatch;
  private final Function<List<J>, Uni<List<R>>> call;
  private final ConcurrentLinkedQueue<Pending<J, R>> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean inFlight = new AtomicBoolean();

  /** @param call one script call for the jobs given, answering per job in their order */
  EnqueueBatcher(int maxBatch, Function<List<J>, Uni<List<R>>> call) {
    this.maxBatch = maxBatch;
    this.call = call;
  }

  /** Sends the job with the next shared call; the emitter gets its answer, on the caller's Vert.x context if it has one. */
  void submit(J job, UniEmitter<? super R> emitter) {
    this.pending.add(new Pending<>(job, emitter, Vertx.currentContext()));
    flush();
  }

  private void flush() {
    while (this.inFlight.compareAndSet(false, true)) {
      List<Pending<J, R>> batch = new ArrayList<>(Math.min(this.maxBatch, 64));
      Pending<J, R> next;
      while (batch.size() < this.maxBatch && (next = this.pending.poll()) != null) {
        batch.add(next);
      }
      if (batch.isEmpty()) {
        this.inFlight.set(false);
        if (this.pending.isEmpty()) {
          return;
        }
        continue; // a job arrived between the poll and the reset: take it
      }
      List<J> jobs = new ArrayList<>(batch.size());
      for (Pending<J, R> p : batch) {
        jobs.add(p.job());
      }
      Uni<List<R>> sent;
      try {
        sent = this.call.apply(jobs);
      } catch (RuntimeException e) {
        sent = Uni.createFrom().failure(e);
      }
      sent.subscribe().with(results -> answer(batch, results, null), failure -> answer(batch, null, failure));
      return;
    }
  }

  private void answer(List<Pending<J, R>> batch, List<R> results, Throwable failure) {
    boolean handedOver = false;
    int from = 0;
    while (from < batch.size()) {
      Context context = batch.get(from).caller();
      int to = from + 1;
      while (to < batch.size() && batch.get(to).caller() == context) {
        to++;
      }
      if (context == null) {
        complete(batch, from, to, results, failure);
      } else {
        int start = from;
        int end = to;
        context.runOnContext(ignored -> complete(batch, start, end, results, failure));
        handedOver = true;
      }
      from = to;
    }
    Context here = Vertx.currentContext();
    if (handedOver && here != null) {
      here.runOnContext(ignored -> release());
    } else {
      release();
    }
  }

  private void release() {
    this.inFlight.set(false);
    flush();
  }

  private static <J, R> void complete(List<Pending<J, R>> batch, int from, int to, List<R> results, Throwable failure) {
    for (int i = from; i < to; i++) {
      UniEmitter<? super R> emitter = batch.get(i).emitter();
      if (failure == null) {
        emitter.complete(results.get(i));
      } else {
        emitter.fail(failure);
      }
    }
  }

  /** A caller waiting for its job, and the Vert.x context it enqueued from (null when none). */
  private record Pending<J, R>(J job, UniEmitter<? super R> emitter, Context caller) {
  }
}
