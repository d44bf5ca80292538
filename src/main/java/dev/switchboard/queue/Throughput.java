package dev.switchboard.queue;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Jobs completed and attempts failed per second (across every replica), oldest second first. */
@RegisterForReflection
public record Throughput(String queue, long fromSecond, List<Long> completed, List<Long> failed) {
}
