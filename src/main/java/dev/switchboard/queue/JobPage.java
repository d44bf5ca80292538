package dev.switchboard.queue;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One page of a listing: the jobs, the cursor of the next page ({@code null} at the end) and how many jobs Redis looked
 * at to fill it (the scan budget bounds it; a search may return a short or empty page with a cursor to go on from).
 */
@RegisterForReflection
public record JobPage(String queue, String state, List<Job> jobs, String nextCursor, int scanned) {
}
