package io.jenkins.plugins.nvflare.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Progress lines for events shaped like 22-job-monitor-jsonl and 46-monitor-aborted-jsonl. */
class ProgressLinesTest {

    private static final String JOB = "e44ccf11-a162-442d-b1b6-cb6d849f89eb";
    private static final Map<String, Object> META = Map.of("job_name", "hello-numpy", "study", "default");

    @Test
    void progressWithMetrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("loss", 0.1234567);
        metrics.put("round", 2);
        metrics.put("val_f1", 0.5);
        metrics.put("accuracy", 0.91);
        MonitorEvent e = new MonitorEvent(
                "progress", JOB, "RUNNING", "RUNNING", false, 12.34, null, META, new Metrics(metrics), null);
        assertEquals(
                "[FLARE] job e44ccf11 (hello-numpy) RUNNING  round 2  accuracy 0.91  loss 0.1235  val_f1 0.5  (elapsed 12.3s)",
                ProgressLines.render(e));
    }

    @Test
    void progressWithoutMetrics() {
        MonitorEvent e = new MonitorEvent("progress", JOB, "RUNNING", "RUNNING", false, 3.5, null, META, null, null);
        assertEquals("[FLARE] job e44ccf11 (hello-numpy) RUNNING  (elapsed 3.5s)", ProgressLines.render(e));
    }

    @Test
    void completed() {
        MonitorEvent e = new MonitorEvent(
                "terminal", JOB, "COMPLETED", "FINISHED:COMPLETED", true, null, 16.0, META, null, null);
        assertEquals(
                "[FLARE] job e44ccf11 (hello-numpy) finished: COMPLETED  (duration 16.0s)", ProgressLines.render(e));
    }

    @Test
    void aborted() {
        MonitorEvent e = new MonitorEvent(
                "terminal",
                "3a753c6b-0b55-4a6e-97e9-a87b92e05356",
                "ABORTED",
                "FINISHED:ABORTED",
                true,
                null,
                18.8,
                META,
                null,
                "JOB_ABORTED");
        assertEquals(
                "[FLARE] job 3a753c6b (hello-numpy) finished: ABORTED [JOB_ABORTED] (job status FINISHED:ABORTED)  (duration 18.8s)",
                ProgressLines.render(e));
    }

    @Test
    void timeout() {
        MonitorEvent e = new MonitorEvent(
                "terminal",
                JOB,
                "TIMEOUT",
                "RUNNING",
                true,
                10.5,
                null,
                Map.of(),
                new Metrics(Map.of("round", 1)),
                null);
        assertEquals(
                "[FLARE] job e44ccf11 TIMEOUT: the monitor timeout passed while the job was RUNNING  round 1  (elapsed 10.5s)",
                ProgressLines.render(e));
    }
}
