package dev.switchboard.send;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The send API's answer: the job and where it stands ({@code queued} when just accepted, {@code sent} + wamid when sent directly). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendResponse(String jobId, String status, String wamid) {
}
