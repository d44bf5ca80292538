package dev.switchboard.send;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A send job as its tenant sees it: {@code queued | held | active | sent | delivered | read | failed | dead}, with the wamid
 * and times once sent, and the error code and title of a failed or dead message.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageView(String jobId, String status, String wamid, Instant sentAt, Instant deliveredAt, Instant readAt,
    Instant failedAt, String code, String title, Integer attempts) {
}
