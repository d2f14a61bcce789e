package io.jenkins.plugins.nvflare;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.kit.MaterializedKit;
import io.jenkins.plugins.nvflare.client.kit.StartupKit;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serial;
import java.nio.file.Path;
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
     */
    record Context(byte[] kitZip, String kitTempDir, FlareSettings settings, TaskListener listener, boolean kitWarnings)
            implements java.io.Serializable {
        @Override
        public String toString() {
            return "Context[kit=<secret>, " + settings + "]";
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
            // Closing logs the native transport's session out: nothing of the call outlives it.
            try (FlareClient client = context.settings().client(workspace.toPath(), kit.kitDir(), Path.of(context.kitTempDir()))) {
                return call(client, workspace.toPath(), log);
            }
        } catch (FlareException e) {
            throw new FlareCallException(e);
        }
    }

    abstract T call(FlareClient client, Path workspace, PrintStream log)
            throws FlareException, IOException, InterruptedException;
}
