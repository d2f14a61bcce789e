package io.jenkins.plugins.nvflare.agent;

import io.jenkins.plugins.nvflare.FieldRules;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.JobLogs;
import io.jenkins.plugins.nvflare.client.LogRequest;
import io.jenkins.plugins.nvflare.client.LogText;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serial;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the rendered logs to the console and a workspace file as asked, here on the agent, and returns
 * their last {@link #RETURNED_CHARS} characters: the whole text need not cross the channel or live in
 * the Pipeline's state.
 */
public final class LogsCall extends JobCall<String> {

    /** At most this much of the logs is returned (256 Ki characters). */
    public static final int RETURNED_CHARS = 256 * 1024;

    @Serial
    private static final long serialVersionUID = 1L;

    private final String site;
    private final Integer tail;
    private final String since;
    private final Integer maxBytes;
    private final String file;
    private final boolean toConsole;

    public LogsCall(
            AgentContext context,
            String jobId,
            String site,
            Integer tail,
            String since,
            Integer maxBytes,
            String study,
            String file,
            boolean toConsole) {
        super(context, jobId, study);
        this.site = site;
        this.tail = tail;
        this.since = since;
        this.maxBytes = maxBytes;
        this.file = file;
        this.toConsole = toConsole;
    }

    @Override
    protected String call(FlareClient client, Path workspace, PrintStream log)
            throws FlareException, IOException, InterruptedException {
        FieldRules.require(site, FieldRules.site(site), "site");
        FieldRules.require(since, FieldRules.since(since), "since");
        // The file is checked before FLARE is asked, so a refused path costs no download.
        Path target = file == null ? null : WorkspacePaths.inside(workspace, file, Messages.FieldRules_logFile());
        JobLogs logs = client.logs(
                jobId, new LogRequest(site, tail, since, maxBytes == null ? null : maxBytes.longValue(), study));
        String text = LogText.render(logs);
        if (target != null) {
            Path parent = target.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(target, text);
        }
        if (toConsole) {
            log.print(text.endsWith("\n") || text.isEmpty() ? text : text + "\n");
            log.flush();
        }
        return LogText.lastChars(text, RETURNED_CHARS);
    }
}
