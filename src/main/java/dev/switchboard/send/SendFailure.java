package dev.switchboard.send;

import dev.switchboard.send.graph.GraphErrors.Verdict;

/** A send that did not go out, with the verdict on it: retry (when, and whether to pause the number) or give up. */
public class SendFailure extends RuntimeException {

  private final transient Verdict verdict;

  public SendFailure(Verdict verdict, Throwable cause) {
    super(verdict.code() + " " + verdict.title(), cause, false, false);
    this.verdict = verdict;
  }

  public Verdict verdict() {
    return this.verdict;
  }
}
