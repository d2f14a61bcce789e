package io.jenkins.plugins.nvflare.client.f3.job;

/** Python's {@code time.time()} and {@code time.sleep()} for the polling loops, replaceable in tests. */
public interface PollClock {
    /** Seconds since the epoch. */
    double now();

    void sleep(double seconds) throws InterruptedException;

    PollClock SYSTEM = new PollClock() {
        @Override
        public double now() {
            return System.currentTimeMillis() / 1000.0;
        }

        @Override
        public void sleep(double seconds) throws InterruptedException {
            Thread.sleep(Math.max(0, Math.round(seconds * 1000)));
        }
    };
}
