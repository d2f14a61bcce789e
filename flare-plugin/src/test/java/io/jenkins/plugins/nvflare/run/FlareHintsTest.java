package io.jenkins.plugins.nvflare.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import org.junit.jupiter.api.Test;

/** FLARE's hints (as captured from its CLI, and as the native transport repeats them) in Jenkins terms. */
class FlareHintsTest {

    @Test
    void aJobNotFoundNamesTheStudyAndFlareList() {
        // 51-unknown-id-meta-json
        String hint =
                "This command searched study 'default'. Use 'nvflare job list --study <study_name>' to check jobs "
                        + "in another study, then rerun this command with --study <study_name>.";
        assertEquals(
                "The step searched study 'default'. If the job is in another study, give the step study: '<name>'; "
                        + "flareList lists a study's jobs.",
                FlareHints.forJenkins(ErrorCodes.JOB_NOT_FOUND, hint, null));
        assertEquals(
                "The step searched study 'cancer'. If the job is in another study, give the step study: '<name>'; "
                        + "flareList lists a study's jobs.",
                FlareHints.forJenkins(ErrorCodes.JOB_NOT_FOUND, hint, "cancer"));
    }

    @Test
    void aJobThatNoLongerRunsNamesFlareStatus() {
        // 184-log-config-finished: JOB_NOT_RUNNING, whose hint points to nvflare job list
        assertEquals(
                "The job is not running any more: flareStatus shows its status.",
                FlareHints.forJenkins(ErrorCodes.JOB_NOT_RUNNING, "Use 'nvflare job list' to check job status.", null));
        assertEquals(
                "flareList lists the jobs and their status.",
                FlareHints.forJenkins(ErrorCodes.INTERNAL_ERROR, "Use 'nvflare job list' to check job status.", null));
    }

    @Test
    void deletingARunningJobNamesFlareAbortAndForce() {
        // 165-delete-running: the CLI's hint for a job that has not finished
        String hint = "Use 'nvflare job abort 8e4d7b43-f320-42cb-9786-f725329da588 --study default' to stop the job "
                + "first, or wait/monitor until it finishes before deleting.";
        assertEquals(
                "Abort it first with flareAbort, or delete it anyway with flareDelete force: true.",
                FlareHints.forJenkins(ErrorCodes.JOB_NOT_DONE, hint, "default"));
    }

    @Test
    void jobOutcomesNameTheStepsThatInspectThem() {
        // TerminalTexts: the CLI's hints for JOB_FAILED and JOB_ABORTED, also on FLARE 2.7 through the native transport
        assertEquals(
                "Read the job's logs with flareLogs (site: 'all' for every site) and its details with flareStatus.",
                FlareHints.forJenkins(
                        ErrorCodes.JOB_FAILED,
                        "Use 'nvflare job logs <job_id>' and 'nvflare job meta <job_id>' to inspect the failure.",
                        null));
        assertEquals(
                "flareStatus shows the job's details.",
                FlareHints.forJenkins(
                        ErrorCodes.JOB_ABORTED, "Use 'nvflare job meta <job_id>' to see abort details.", null));
        assertEquals(
                "Give the step a longer timeout (seconds), or check the FLARE server's load.",
                FlareHints.forJenkins(ErrorCodes.TIMEOUT, "Increase --timeout or check server load.", null));
    }

    @Test
    void usageHintsPointToTheStepsOptions() {
        // 42-abort-no-force's INVALID_ARGS hint, and the argparse one the native transport repeats
        assertEquals(
                "Check the step's options: Pipeline Syntax \u203a Steps Reference describes each.",
                FlareHints.forJenkins(ErrorCodes.INVALID_ARGS, "Run the command with -h or --help for usage.", null));
        assertEquals(
                "Check the step's options: Pipeline Syntax \u203a Steps Reference describes each.",
                FlareHints.forJenkins(ErrorCodes.INVALID_ARGS, "Run with --help to see usage.", null));
    }

    @Test
    void aHintWithoutACommandIsFlaresOwn() {
        assertEquals(
                "Check the server address and that the server is running.",
                FlareHints.forJenkins(
                        ErrorCodes.CONNECTION_FAILED,
                        " Check the server address and that the server is running. ",
                        null));
        assertNull(FlareHints.forJenkins(ErrorCodes.CONNECTION_FAILED, "", null));
        assertNull(FlareHints.forJenkins(null, null, null));
    }

    @Test
    void anErrorIsItsMessageAndCodeThenTheHintOnALineOfItsOwn() {
        assertEquals(
                "[FLARE] Job 'x' does not exist. [JOB_NOT_FOUND, exit 1]\n"
                        + "[FLARE] Hint: The step searched study 'default'. If the job is in another study, give the "
                        + "step study: '<name>'; flareList lists a study's jobs.",
                FlareHints.describe(
                        "Job 'x' does not exist. ",
                        ErrorCodes.JOB_NOT_FOUND,
                        1,
                        "This command searched study 'default'. Use 'nvflare job list --study <study_name>' to check.",
                        "default"));
        assertEquals(
                "[FLARE] The kit has no startup folder. [KIT_INVALID]",
                FlareHints.describe("The kit has no startup folder.", ErrorCodes.KIT_INVALID, -1, "", null));
    }
}
