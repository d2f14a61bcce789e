package io.jenkins.plugins.nvflare.client;

/**
 * Which jobs to list; every field may be {@code null} for "no filter".
 *
 * @param namePrefix job name prefix
 * @param idPrefix job id prefix
 * @param max at most this many jobs
 * @param submitToken only the job submitted with this token
 * @param study the study; {@code null} means {@code default}
 */
public record ListFilter(String namePrefix, String idPrefix, Integer max, String submitToken, String study) {
    public static ListFilter all(String study) {
        return new ListFilter(null, null, null, null, study);
    }
}
