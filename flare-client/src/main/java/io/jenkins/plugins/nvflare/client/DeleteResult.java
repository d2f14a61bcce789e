package io.jenkins.plugins.nvflare.client;

import java.io.Serializable;

/**
 * The answer to a delete ({@code nvflare job delete --force}): the job and its stored workspace are gone.
 *
 * @param jobId the deleted job
 * @param submitRecordsMarkedDeleted how many submit-token records now point at a deleted job (a later submit
 *     with such a token is {@code SUBMIT_TOKEN_JOB_DELETED}); 0 for a job submitted without a token
 */
public record DeleteResult(String jobId, int submitRecordsMarkedDeleted) implements Serializable {}
