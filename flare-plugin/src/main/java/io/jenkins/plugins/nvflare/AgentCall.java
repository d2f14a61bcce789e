package io.jenkins.plugins.nvflare;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.KeptClients;
import io.jenkins.plugins.nvflare.client.kit.MaterializedKit;
import io.jenkins.plugins.nvflare.client.kit.StartupKit;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serial;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import jenkins.MasterToSlaveFileCallable;

/**
 * One FLARE operation run on the agent that holds the workspace: the kit is materialised in a
 * private folder beside the workspace only for the call and deleted afterwards, whatever happens
 * (failure, abort). Interrupting the call (build aborted) kills the {@code nvflare} process or ends
 * the native transport's call with an {@link InterruptedException}, so the job can be aborted.
 */
abstract class AgentCall<T> extends MasterToSlaveFileCallable<T> {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Shared by every call of a step. The kit bytes travel over the agent channel only; never printed.
     * {@code kitWarnings}: print the kit's warnings (an expiring certificate); a step's later polls do not repeat them.
     * {@code sessionKey}: the native transport keeps its login on the agent under this key for the step's next call,
     * for at most {@code keepSeconds} (null: each call logs in and out).
     */
    record Context(byte[] kitZip, String kitTempDir, FlareSettings settings, TaskListener listener, boolean kitWarnings,
                   String sessionKey, long keepSeconds) implements java.io.Serializable {
        Context(byte[] kitZip, String kitTempDir, FlareSettings settings, TaskListener listener, boolean kitWarnings) {
            this(kitZip, kitTempDir, settings, listener, kitWarnings, null, 0);
        }

        Context keepingSession(String key, long seconds) {
            return new Context(kitZip, kitTempDir, settings, listener, kitWarnings, key, seconds);
        }

        @Override
        public String toString() {
            return "Context[kit=<secret>, " + settings + (sessionKey == null ? "" : ", session " + sessionKey) + "]";
        }
    }

    private final Context context;

    AgentCall(Context context) {
        this.context = context;
    }

    Context context() {
        return context;
    }

    @Override
    public final T invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        PrintStream log = context.listener().getLogger();
        try (MaterializedKit kit = StartupKit.materialize(context.kitZip(), Path.of(context.kitTempDir()), Instant.now())) {
            if (context.kitWarnings()) {
                for (String warning : kit.warnings()) {
                    log.println("[FLARE] WARNING: " + warning);
                }
            }
            KeptClients kept = context.sessionKey() != null && context.settings().keepsSessions() ? AgentSessions.current() : null;
            FlareClient client = kept == null ? open(workspace, kit) : kept.take(context.sessionKey(), () -> open(workspace, kit));
            boolean keep = false;
            try {
                T result = call(client, workspace.toPath(), log);
                keep = kept != null;
                return result;
            } catch (FlareException e) {
                keep = kept != null; // FLARE answered (or the client logs in again next time): the login is still good
                throw e;
            } finally {
                if (keep) {
                    kept.keep(context.sessionKey(), client, Duration.ofSeconds(context.keepSeconds()));
                } else {
                    client.close(); // logs the native transport's session out: nothing of the call outlives it
                }
            }
        } catch (FlareException e) {
            throw new FlareCallException(e);
        }
    }

    private FlareClient open(File workspace, MaterializedKit kit) {
        return context.settings().client(workspace.toPath(), kit.kitDir(), Path.of(context.kitTempDir()));
    }

    abstract T call(FlareClient client, Path workspace, PrintStream log)
            throws FlareException, IOException, InterruptedException;
}
