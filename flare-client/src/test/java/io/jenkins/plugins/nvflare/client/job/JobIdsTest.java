package io.jenkins.plugins.nvflare.client.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The short form consoles and pages name a job by (21-job-submit's job id). */
class JobIdsTest {

    @Test
    void aJobIsNamedByItsIdsFirstPart() {
        assertEquals("e44ccf11", JobIds.shortId("e44ccf11-a162-442d-b1b6-cb6d849f89eb"));
        assertEquals("abc", JobIds.shortId("abc"));
        assertEquals("?", JobIds.shortId(null));
    }
}
