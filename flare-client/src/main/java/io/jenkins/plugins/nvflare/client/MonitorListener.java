package io.jenkins.plugins.nvflare.client;

/** Receives monitor events, in order, on the monitoring thread, as soon as FLARE reports each. */
@FunctionalInterface
public interface MonitorListener {
    void onEvent(MonitorEvent event);
}
