package io.jenkins.plugins.nvflare.client.f3.testing;

import io.jenkins.plugins.nvflare.client.f3.job.PollClock;
import java.util.ArrayList;
import java.util.List;

/** A {@link PollClock} whose time only moves when it sleeps (or a test advances it). */
public final class FakeClock implements PollClock {
    private double now;
    private final List<Double> sleeps = new ArrayList<>();

    public FakeClock(double start) {
        this.now = start;
    }

    @Override
    public synchronized double now() {
        return now;
    }

    @Override
    public void sleep(double seconds) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("sleep interrupted");
        }
        synchronized (this) {
            sleeps.add(seconds);
            now += seconds;
        }
    }

    synchronized void advance(double seconds) {
        now += seconds;
    }

    public synchronized List<Double> sleeps() {
        return List.copyOf(sleeps);
    }
}
