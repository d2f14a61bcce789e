package io.jenkins.plugins.nvflare.steps.follow;

/** What one tick of a follow step decided: tick again later, or end the step. */
sealed interface Next {

    /** Tick again in {@code delayMillis}. */
    record Again(long delayMillis) implements Next {}

    /** Schedule nothing: Jenkins is shutting down, and the step carries on when it resumes. */
    record Idle() implements Next {}

    /** End the step with {@code value} ({@code flareSubmit}: the job id; {@code flareWait}: the outcome's map). */
    record Succeed(Object value) implements Next {}

    /** End the step with {@code cause}. */
    record Fail(Throwable cause) implements Next {}
}
