package io.jenkins.plugins.nvflare.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.Util;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.SubmitRequest;
import io.jenkins.plugins.nvflare.client.cli.CliConfig;
import io.jenkins.plugins.nvflare.client.cli.JobScriptExport;
import io.jenkins.plugins.nvflare.client.job.JobFolder;
import io.jenkins.plugins.nvflare.client.job.JobFolders;
import io.jenkins.plugins.nvflare.client.job.SubmitTokens;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Submits a job folder, or the folder a job script exports into a private folder beside the workspace. A token the
 * plugin derived (not one the user gave) is left out for a job with a file FLARE cannot hash for it
 * ({@link SubmitTokens#tooLargeToHash}): FLARE would refuse the job, and the user did not ask for the token.
 */
public final class SubmitCall extends AgentCall<Submitted> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final JobSource source;
    private final String study;
    private final String submitToken;
    private final boolean tokenDerived;

    /** {@code tokenDerived}: the plugin made {@code submitToken}, not the user, so it may be left out. */
    public SubmitCall(AgentContext context, JobSource source, String study, String submitToken, boolean tokenDerived) {
        super(context);
        this.source = source;
        this.study = study;
        this.submitToken = submitToken;
        this.tokenDerived = tokenDerived;
    }

    @Override
    protected Submitted call(FlareClient client, Path workspace, PrintStream log)
            throws FlareException, IOException, InterruptedException {
        if (source.jobScript() == null) {
            // One walk of the folder: the token check below and the client's zip read this value.
            JobFolder folder =
                    JobFolders.inspect(workspace.resolve(source.jobFolder()).normalize());
            return submit(client, folder, log);
        }
        if (submitToken != null) {
            SubmitTokens.validate(submitToken); // before the export runs, as before an upload
        }
        Path exportDir = Files.createTempDirectory(Path.of(context().kitTempDir()), "export");
        try {
            Path script = workspace.resolve(source.jobScript()).normalize();
            CliConfig python = context().settings().pythonConfig(workspace, source.python());
            Path folder = JobScriptExport.export(script, source.scriptArgs(), python, exportDir);
            log.println(Messages.SubmitCall_exported(source.describe(), folder.getFileName()));
            return submit(client, JobFolders.inspect(folder), log);
        } finally {
            Util.deleteRecursive(exportDir.toFile());
        }
    }

    private Submitted submit(FlareClient client, JobFolder folder, PrintStream log)
            throws FlareException, IOException, InterruptedException {
        String token = submitToken;
        Optional<SubmitTokens.LargeFile> large =
                token != null && tokenDerived ? SubmitTokens.tooLargeToHash(folder) : Optional.empty();
        if (large.isPresent()) {
            log.println(Messages.SubmitCall_withoutToken(large.get().describe()));
            token = null;
        }
        return new Submitted(client.submit(SubmitRequest.of(folder, study, token)), token, jobName(folder.root()));
    }

    /** The name in the folder's meta.json (which the submit has just read whole); null when it has none. */
    private static String jobName(Path folder) {
        try {
            JsonNode name = new ObjectMapper()
                    .readTree(folder.resolve("meta.json").toFile())
                    .get("name");
            return name != null && name.isTextual() ? name.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null; // FLARE accepted the job: its name will come with the first poll
        }
    }
}
