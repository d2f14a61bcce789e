package io.jenkins.plugins.nvflare.client.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.AbortResult;
import io.jenkins.plugins.nvflare.client.DeleteResult;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.JobMeta;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The statuses are those the live POC went through (captures 163-165 and 169-171): FINISHED:COMPLETED deleted at
 * once; RUNNING refused with the CLI's JOB_NOT_DONE (165) unless forced; forced, aborted, still RUNNING for a few
 * seconds (170), then FINISHED:ABORTED and deleted (171).
 */
class JobDeletionTest {
    private static final String JOB = "8e4d7b43-f320-42cb-9786-f725329da588";

    private final List<String> calls = new ArrayList<>();
    private final List<String> said = new ArrayList<>();
    private final List<Duration> slept = new ArrayList<>();

    @Test
    void aFinishedJobIsDeletedWithoutMore() throws Exception {
        JobDeletion.Deletion r = JobDeletion.delete(
                client("FINISHED:COMPLETED"), JOB, null, false, Duration.ofSeconds(60), slept::add, said::add);
        assertEquals(new JobDeletion.Deletion(new DeleteResult(JOB, 0), "FINISHED:COMPLETED", false), r);
        assertEquals(List.of("meta", "delete"), calls);
        assertEquals(List.of(), said);
    }

    @Test
    void aRunningOrQueuedJobIsRefusedUnlessForcedAndNothingIsSent() {
        for (String status : List.of("RUNNING", "SUBMITTED", "DISPATCHED")) {
            calls.clear();
            FlareException e = assertThrows(
                    FlareException.class,
                    () -> JobDeletion.delete(
                            client(status), JOB, "cancer", false, Duration.ofSeconds(60), slept::add, said::add));
            assertEquals(ErrorCodes.JOB_NOT_DONE, e.errorCode());
            assertEquals(4, e.exitCode());
            assertEquals(
                    "Job '" + JOB + "' has not finished. \u2014 job " + JOB + " is " + status
                            + "; searched study 'cancer'",
                    e.getMessage());
            assertTrue(
                    e.hint().startsWith("Use 'nvflare job abort " + JOB + " --study cancer' to stop the job first"),
                    e.hint());
            assertEquals(List.of("meta"), calls, "neither aborted nor deleted");
        }
    }

    @Test
    void forcedARunningJobIsAbortedWaitedForAndDeleted() throws Exception {
        JobDeletion.Deletion r = JobDeletion.delete(
                client("RUNNING", "RUNNING", "RUNNING", "FINISHED:ABORTED"),
                JOB,
                null,
                true,
                Duration.ofSeconds(60),
                slept::add,
                said::add);
        assertEquals("FINISHED:ABORTED", r.status());
        assertTrue(r.aborted());
        assertEquals(List.of("meta", "abort", "meta", "meta", "meta", "delete"), calls);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), slept);
        assertEquals(
                List.of(
                        "Job " + JOB + " is RUNNING: aborting it before deleting it.",
                        "Job " + JOB + " is FINISHED:ABORTED."),
                said);
    }

    @Test
    void forcedAJobThatDoesNotFinishIsNotDeleted() {
        FlareException e = assertThrows(
                FlareException.class,
                () -> JobDeletion.delete(
                        client("RUNNING"), JOB, null, true, Duration.ofSeconds(3), slept::add, said::add));
        assertEquals(ErrorCodes.JOB_NOT_DONE, e.errorCode());
        assertTrue(e.getMessage().contains("still RUNNING after 3 s; it was not deleted"), e.getMessage());
        assertTrue(!calls.contains("delete"), calls.toString());
        assertEquals(3, slept.size());
    }

    /** A client whose meta answers the statuses in turn (the last one repeats), recording each call. */
    private FlareClient client(String... statuses) {
        Deque<String> answers = new ArrayDeque<>(List.of(statuses));
        return (FlareClient) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {FlareClient.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return switch (method.getName()) {
                        case "meta" ->
                            new JobMeta(
                                    JOB,
                                    "hello-numpy-long",
                                    "default",
                                    answers.size() > 1 ? answers.poll() : answers.peek(),
                                    null,
                                    null,
                                    null,
                                    "admin@nvidia.com",
                                    List.of(),
                                    Map.of());
                        case "abort" -> new AbortResult(JOB, "ABORTED");
                        case "delete" -> new DeleteResult(JOB, 0);
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }
}
