package dev.switchboard.admin.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.message.MessageStatusStore;
import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobPage;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.JobState;
import dev.switchboard.queue.QueueBrowser;
import io.smallrye.mutiny.Uni;

/**
 * Listings and search for the dashboard. A query is tried as a job id and as a wamid (the send index) first, each one
 * key look-up, and those hits lead the first page whatever their state; then the state's listing is filtered by it
 * (id, tenant/group, data such as the phone number, result such as the wamid), looking at no more than
 * {@link QueueBrowser#SEARCH_BUDGET} jobs per call. A search therefore costs Redis O(budget) per page, never O(backlog);
 * a page that found nothing still carries a cursor to go on from.
 */
@ApplicationScoped
public class JobSearch {

  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]{5,}");

  private final QueueBrowser browser;
  private final JobQueue jobs;
  private final MessageStatusStore messages;

  public JobSearch(QueueBrowser browser, JobQueue jobs, MessageStatusStore messages) {
    this.browser = browser;
    this.jobs = jobs;
    this.messages = messages;
  }

  public Uni<JobPage> page(String queue, JobState state, String cursor, int limit, String query) {
    String q = normalise(query);
    if (q.isEmpty()) {
      return this.browser.page(queue, state, cursor, limit, null);
    }
    Uni<List<Job>> direct = cursor == null || cursor.isEmpty() ? directHits(queue, q) : Uni.createFrom().item(List.of());
    return direct.chain(hits -> this.browser.page(queue, state, cursor, limit, q).map(page -> {
      Map<String, Job> merged = new LinkedHashMap<>();
      hits.forEach(job -> merged.put(job.id(), job));
      page.jobs().forEach(job -> merged.putIfAbsent(job.id(), job));
      return new JobPage(page.queue(), page.state(), List.copyOf(merged.values()), page.nextCursor(), page.scanned());
    }));
  }

  /** The job of that id, and the send job of that wamid: one key read each. */
  private Uni<List<Job>> directHits(String queue, String q) {
    Uni<Optional<Job>> byId = this.jobs.find(queue, q);
    Uni<Optional<Job>> byWamid = this.messages.jobOfWamid(q)
        .chain(id -> id.isPresent() ? this.jobs.find(queue, id.get()) : Uni.createFrom().item(Optional.<Job>empty()));
    return Uni.combine().all().unis(byId, byWamid).with((a, b) -> {
      List<Job> hits = new ArrayList<>(2);
      a.ifPresent(hits::add);
      b.filter(job -> a.map(first -> !first.id().equals(job.id())).orElse(true)).ifPresent(hits::add);
      return hits;
    });
  }

  /** A phone number is matched by its digits, as it is stored ({@code +49 170 123-45} finds {@code 4917012345}). */
  static String normalise(String query) {
    if (query == null) {
      return "";
    }
    String q = query.strip();
    if (PHONE.matcher(q).matches()) {
      return q.replaceAll("[^0-9]", "");
    }
    return q;
  }
}
