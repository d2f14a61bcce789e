package io.jenkins.plugins.nvflare.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.model.FreeStyleBuild;
import io.jenkins.plugins.nvflare.FlareFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The build page's FLARE action under parallel branches. */
@WithJenkins
class FlareBuildActionTest {

    /** Threads released together record the same job again and again: one action per build, one record per job. */
    @Test
    void branchesRecordingOneJobAtOnceGetOneAction(JenkinsRule j) throws Exception {
        FreeStyleBuild build = j.buildAndAssertSuccess(j.createFreeStyleProject());
        int threads = 8;
        int rounds = 200;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int round = 0; round < rounds; round++) {
                        start.await();
                        FlareBuildAction.of(build).jobs().update("job-" + round, "default", job -> job);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, build.getActions(FlareBuildAction.class).size());
        assertEquals(rounds, FlareFixture.jobs(build).size());
    }
}
