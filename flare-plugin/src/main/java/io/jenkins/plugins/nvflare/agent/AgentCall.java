package io.jenkins.plugins.nvflare.agent;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.nvflare.FlareSettings;
import io.jenkins.plugins.nvflare.FlareTransport;
import io.jenkins.plugins.nvflare.KitExpiry;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.KeptClients;
import io.jenkins.plugins.nvflare.client.kit.AdminKitInfo;
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
 *
 * @param <T> the answer, of JDK types only: it crosses the agent channel, whose class filter refuses library classes
 */
public abstract class AgentCall<T> extends MasterToSlaveFileCallable<T> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final AgentContext context;

    /** Where logins are kept when the call runs in the controller's own JVM (not serialized: an agent has its own). */
    @SuppressFBWarnings(
            value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
            justification = "null on an agent, where the channel keeps logins")
    private transient KeptClients controllerSessions;

    protected AgentCall(AgentContext context) {
        this.context = context;
    }

    protected AgentContext context() {
        return context;
    }

    /** Keeps the login in {@code sessions} when this call runs on the controller's own node. */
    public AgentCall<T> keepingLocallyIn(KeptClients sessions) {
        this.controllerSessions = sessions;
        return this;
    }

    @Override
    public final T invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        PrintStream log = context.listener().getLogger();
        Instant now = Instant.now();
        // An expired certificate fails here, with flare-client's CONNECTION_FAILED: the server's TLS would refuse it.
        try (MaterializedKit kit = StartupKit.materialize(context.kitZip(), Path.of(context.kitTempDir()), now)) {
            String warning = context.kitWarnings() ? KitExpiry.warning(kit.info(), now) : null;
            if (warning != null) {
                log.println(Messages.AgentCall_kitWarning(warning));
            }
            KeptClients kept = context.keepsSession() ? AgentSessions.current(controllerSessions) : null;
            FlareClient client =
                    kept == null ? open(workspace, kit) : kept.take(context.sessionKey(), () -> open(workspace, kit));
            boolean keep = false;
            try {
                if (context.sayServer()) {
                    sayServer(kit.info(), client, workspace, log);
                }
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

    /** The study the call is about, for the hints of its errors; null: FLARE's default. */
    public String study() {
        return null;
    }

    /**
     * The build's first call with a credential and transport says which FLARE server it talks to, as whom and how:
     * the native transport once it has logged in (with the server's version), the CLI transport before it runs
     * {@code nvflare}.
     */
    private void sayServer(AdminKitInfo info, FlareClient client, File workspace, PrintStream log) {
        String server = info.scheme() + "://" + info.host() + ":" + info.port();
        FlareSettings settings = context.settings();
        if (settings.transport() != FlareTransport.NATIVE) {
            String how = Messages.AgentCall_cliTransport(
                    settings.cliConfig(workspace.toPath()).executable());
            log.println(Messages.AgentCall_talkingTo(server, info.username(), info.projectName(), how));
            log.flush();
            return;
        }
        client.whenConnected(version -> {
            log.println(Messages.AgentCall_talkingToVersion(
                    Character.isDigit(version.text().charAt(0)) ? version.text() : "(" + version.text() + ")",
                    server,
                    info.username(),
                    info.projectName(),
                    Messages.AgentCall_nativeTransport()));
            log.flush(); // before the call's answer, so the line precedes what the controller says of it
        });
    }

    private FlareClient open(File workspace, MaterializedKit kit) {
        return context.settings().client(workspace.toPath(), kit.kitDir(), Path.of(context.kitTempDir()));
    }

    /** The operation itself, with a client logged in with the call's kit. */
    protected abstract T call(FlareClient client, Path workspace, PrintStream log)
            throws FlareException, IOException, InterruptedException;
}
