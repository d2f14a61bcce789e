package io.jenkins.plugins.nvflare.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Clients kept between the calls of one step, each under the step's key, so a step that polls a job in many
 * short calls logs in once. A client is taken out for a call and kept again after it; one left idle past its
 * limit (the step ended without saying so, or its controller went away) is closed, and {@link #close()} closes
 * all. Nothing is kept beyond that.
 */
public final class KeptClients implements AutoCloseable {

    private record Kept(FlareClient client, Instant until) {}

    private final Map<String, Kept> kept = new HashMap<>();
    private final Clock clock;
    private final ScheduledThreadPoolExecutor reaper;
    private boolean closed;

    /** Closes idle clients on a daemon thread of its own, which ends while nothing is kept. */
    public KeptClients() {
        this(Clock.systemUTC(), true);
    }

    KeptClients(Clock clock, boolean reaping) {
        this.clock = clock;
        if (reaping) {
            reaper = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "FLARE kept sessions");
                t.setDaemon(true);
                return t;
            });
            reaper.setKeepAliveTime(30, TimeUnit.SECONDS);
            reaper.allowCoreThreadTimeOut(true);
            reaper.setRemoveOnCancelPolicy(true);
        } else {
            reaper = null;
        }
    }

    /** The client kept under {@code key}, taken out until {@link #keep}; or a new one from {@code opener}. */
    public FlareClient take(String key, Supplier<FlareClient> opener) {
        Kept found;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            found = kept.remove(key);
        }
        if (found != null && found.until().isAfter(clock.instant())) {
            return found.client();
        }
        if (found != null) {
            found.client().close();
        }
        return opener.get();
    }

    /** Keeps {@code client} under {@code key} for at most {@code maxIdle} without a call; an earlier one is closed. */
    public void keep(String key, FlareClient client, Duration maxIdle) {
        FlareClient toClose;
        synchronized (this) {
            if (closed) {
                toClose = client;
            } else {
                Kept replaced = kept.put(key, new Kept(client, clock.instant().plus(maxIdle)));
                toClose = replaced == null || replaced.client() == client ? null : replaced.client();
                if (reaper != null) {
                    reaper.schedule(this::closeIdle, maxIdle.toMillis() + 1, TimeUnit.MILLISECONDS);
                }
            }
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    /** Closes the client kept under {@code key}, if any: the step ended. Returns whether there was one. */
    public boolean release(String key) {
        Kept found;
        synchronized (this) {
            found = kept.remove(key);
        }
        if (found != null) {
            found.client().close();
        }
        return found != null;
    }

    /** Closes the clients idle past their limit; returns how many. */
    public int closeIdle() {
        Instant now = clock.instant();
        List<FlareClient> idle = new ArrayList<>();
        synchronized (this) {
            kept.values().removeIf(k -> {
                if (k.until().isAfter(now)) {
                    return false;
                }
                idle.add(k.client());
                return true;
            });
        }
        idle.forEach(FlareClient::close);
        return idle.size();
    }

    /** How many clients are kept now. */
    public synchronized int size() {
        return kept.size();
    }

    /** Closes every kept client; later {@link #take}s fail and later {@link #keep}s close what they are given. */
    @Override
    public void close() {
        List<Kept> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(kept.values());
            kept.clear();
        }
        if (reaper != null) {
            reaper.shutdownNow();
        }
        all.forEach(k -> k.client().close());
    }
}
