package io.jenkins.plugins.nvflare.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.nvflare.agent.JobReport;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.JobOutcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a job's end reads in the console and a failed step: one sentence, the duration once, the hint on its own line. */
class OutcomesTest {

    private static final String JOB = "e44ccf11-a162-442d-b1b6-cb6d849f89eb";

    private static JobReport report(
            String status, JobOutcome outcome, Double duration, String code, String message, String hint) {
        return new JobReport(JOB, "hello-numpy", "default", status, outcome, duration, Map.of(), code, message, hint);
    }

    @Test
    void aCompletedJobIsOneLineWithItsDurationAndNoRepeatedStatus() {
        // 22-job-monitor-jsonl's terminal event: FINISHED:COMPLETED, duration_s 16.0
        JobReport r = report("FINISHED:COMPLETED", JobOutcome.COMPLETED, 16.0, null, null, null);
        assertEquals("[FLARE] FLARE job " + JOB + " (hello-numpy) completed in 16 sec.", Outcomes.line(r));
    }

    @Test
    void aFailedJobSaysFlaresStatusMessageAndCodeThenTheHintInJenkinsTerms() {
        JobReport r = report(
                "FINISHED:EXECUTION_EXCEPTION",
                JobOutcome.FAILED,
                75.2,
                ErrorCodes.JOB_FINISHED_EXCEPTION,
                "Job '" + JOB + "' reached terminal state FINISHED_EXCEPTION.",
                "Use 'nvflare job logs <job_id>' and 'nvflare job meta <job_id>' to inspect the failure.");
        assertEquals(
                "FLARE job " + JOB + " (hello-numpy) failed (FINISHED:EXECUTION_EXCEPTION) in 1 min 15 sec. Job '" + JOB
                        + "' reached terminal state FINISHED_EXCEPTION. [JOB_FINISHED_EXCEPTION]\n"
                        + "Hint: Read the job's logs with flareLogs (site: 'all' for every site) and its details with "
                        + "flareStatus.",
                Outcomes.describe(r));
        assertEquals(
                "[FLARE] FLARE job " + JOB
                        + " (hello-numpy) failed (FINISHED:EXECUTION_EXCEPTION) in 1 min 15 sec. Job '"
                        + JOB + "' reached terminal state FINISHED_EXCEPTION. [JOB_FINISHED_EXCEPTION]\n"
                        + "[FLARE] Hint: Read the job's logs with flareLogs (site: 'all' for every site) and its details "
                        + "with flareStatus.",
                Outcomes.line(r));
    }

    @Test
    void anAbortedJobDoesNotRepeatItsStatus() {
        // 46-monitor-aborted-jsonl: FINISHED:ABORTED, JOB_ABORTED
        JobReport r = report(
                "FINISHED:ABORTED",
                JobOutcome.ABORTED,
                18.8,
                ErrorCodes.JOB_ABORTED,
                "Job '" + JOB + "' was aborted.",
                "Use 'nvflare job meta <job_id>' to see abort details.");
        assertEquals(
                "FLARE job " + JOB + " (hello-numpy) was aborted in 18 sec. Job '" + JOB
                        + "' was aborted. [JOB_ABORTED]\n" + "Hint: flareStatus shows the job's details.",
                Outcomes.describe(r));
    }

    @Test
    void aTimeoutSaysWhatTheJobWasDoing() {
        JobReport r = report(
                "RUNNING",
                JobOutcome.TIMEOUT,
                600.4,
                ErrorCodes.TIMEOUT,
                "Operation timed out.",
                "Give the step a longer timeout (seconds), or check the FLARE server's load.");
        assertEquals(
                "FLARE job " + JOB
                        + " (hello-numpy) did not finish in time while RUNNING after 10 min. Operation timed out. "
                        + "[TIMEOUT]\nHint: Give the step a longer timeout (seconds), or check the FLARE server's load.",
                Outcomes.describe(r));
    }
}
