package io.jenkins.plugins.nvflare.steps.follow;

import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.run.FlareFailureException;
import java.io.PrintStream;
import java.io.Serial;
import java.io.Serializable;

/**
 * The follow step's policy for a FLARE that does not answer a poll (server busy or restarting, a CLI that could not
 * log in). Once a poll has seen the job, the kit and the job id are known to be good, so such a poll is waited out
 * for as long as an offline agent is; before that it fails the step (a wrong server or kit). Saved with the step.
 */
final class PollFailures implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** A poll got an answer about the job. */
    private boolean jobSeen;

    private final Outage outage = new Outage();

    /** Whether {@code e} may be polled past. */
    boolean mayPollOn(FlareFailureException e) {
        return jobSeen && e.mayPass();
    }

    /** A poll failed that way: says so the first time; whether to poll on (false once {@code minutes} have passed). */
    boolean pollOn(PrintStream log, FlareFailureException e, String jobId, long now, int minutes) {
        if (outage.begin(now)) {
            log.println(e.getMessage());
            log.println(Messages.PollFailures_pollingOn(String.valueOf(minutes), jobId));
            return true;
        }
        return outage.within(now, minutes);
    }

    /** For the step's status: how long FLARE has not answered. */
    String failingFor(long now) {
        return outage.lasted(now);
    }

    /** A poll got FLARE's answer: says so if polls had failed. */
    void answered(PrintStream log, String jobId) {
        jobSeen = true;
        if (outage.end()) {
            log.println(Messages.PollFailures_answersAgain(jobId));
        }
    }
}
