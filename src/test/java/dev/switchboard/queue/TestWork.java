package dev.switchboard.queue;

/**
 * Payload of the test queues; it tells the test processor what to do, so each test states its scenario in data.
 *
 * @param n the job's number in its test
 * @param failTimes attempts 1..failTimes fail
 * @param permanent failures are permanent (the job dies at once)
 * @param workMillis how long the job works (a non-blocking timer) before it finishes
 */
public record TestWork(int n, int failTimes, boolean permanent, long workMillis) {

  public static TestWork of(int n) {
    return new TestWork(n, 0, false, 0);
  }

  public static TestWork working(int n, long workMillis) {
    return new TestWork(n, 0, false, workMillis);
  }
}
