package io.jenkins.plugins.nvflare.client;

import java.io.Serializable;

/**
 * The answer to a clone ({@code nvflare job clone}): FLARE stored a copy of the source job under a new id and
 * scheduled it like any submitted job (it starts {@code SUBMITTED}, with {@code cloned_from} in its meta).
 *
 * @param sourceJobId the job that was cloned
 * @param newJobId the id of the copy
 */
public record CloneResult(String sourceJobId, String newJobId) implements Serializable {}
