package io.jenkins.plugins.nvflare.run;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Fingerprint;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Fingerprinter;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.agent.DownloadOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import jenkins.util.BuildListenerAdapter;

/** Archives a download's discovered artifacts under their workspace paths and fingerprints the global model. */
final class ArtifactArchiver {

    /** Held while the build's one fingerprint action is looked up and added: parallel branches share it. */
    private static final Object FINGERPRINTS = new Object();

    private final Run<?, ?> run;
    private final FilePath workspace;
    private final Launcher launcher;
    private final TaskListener listener;

    ArtifactArchiver(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener) {
        this.run = run;
        this.workspace = workspace;
        this.launcher = launcher;
        this.listener = listener;
    }

    /** The archived paths, relative to the build's artifacts. */
    List<String> archive(DownloadOutcome outcome) throws IOException, InterruptedException {
        if (launcher == null) {
            throw new IllegalStateException("archiving needs a launcher");
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (String path : outcome.artifacts()) {
            String inWorkspace = outcome.inWorkspace(path);
            files.put(inWorkspace, inWorkspace);
        }
        List<String> archived = new ArrayList<>(files.keySet());
        if (!files.isEmpty()) {
            run.pickArtifactManager().archive(workspace, launcher, BuildListenerAdapter.wrap(listener), files);
            listener.getLogger().println(Messages.ArtifactArchiver_archived(String.join(", ", archived)));
        }
        String model = outcome.inWorkspace(outcome.globalModel());
        if (model != null && outcome.globalModelMd5() != null) {
            fingerprint(model, outcome.globalModelMd5());
        }
        return archived;
    }

    /** Records the file's fingerprint and this build's use of it, as the "Record fingerprints" step does. */
    private void fingerprint(String file, String md5) throws IOException {
        Fingerprint fingerprint = Jenkins.get().getFingerprintMap().getOrCreate(run, file, md5);
        fingerprint.addFor(run);
        synchronized (FINGERPRINTS) {
            Fingerprinter.FingerprintAction fingerprints = run.getAction(Fingerprinter.FingerprintAction.class);
            if (fingerprints == null) {
                run.addAction(new Fingerprinter.FingerprintAction(run, Map.of(file, md5)));
            } else {
                fingerprints.add(Map.of(file, md5));
            }
        }
    }
}
