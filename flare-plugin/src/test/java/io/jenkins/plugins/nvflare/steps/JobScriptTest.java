package io.jenkins.plugins.nvflare.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.FilePath;
import hudson.model.Result;
import io.jenkins.plugins.nvflare.FlareFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code flareSubmit jobScript:}: the recipe is exported on the agent by a stand-in for Python (it writes the job
 * folder NVFlare's {@code --export} writes) and the exported folder is submitted (21-job-submit), then deleted.
 */
@WithJenkins
class JobScriptTest {

    @TempDir
    Path tmp;

    private JenkinsRule j;
    private FlareFixture flare;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        flare = FlareFixture.create(tmp);
    }

    @Test
    void aJobScriptIsExportedOnTheAgentAndItsFolderSubmitted() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "recipe");
        p.setDefinition(new CpsFlowDefinition(
                "node { echo \"job: ${flareSubmit jobScript: 'jobs/hello/job.py', "
                        + "scriptArgs: '--num_rounds 2 --name \"a b\"', python: \"${WORKSPACE}/py/python\", credentialsId: 'flare-kit'}\" }",
                true));
        FilePath ws = j.jenkins.getWorkspaceFor(p);
        ws.child("jobs/hello/job.py").write("# recipe\n", "UTF-8");
        FilePath python = ws.child("py/python");
        python.write(
                "#!/usr/bin/env bash\n"
                        + "printf '%s\\n' \"$@\" > \"$(dirname \"$0\")/argv\"\n"
                        + "dir=; prev=; for a in \"$@\"; do [ \"$prev\" = --export-dir ] && dir=$a; prev=$a; done\n"
                        + "mkdir -p \"$dir/hello-numpy/app/config\"\n"
                        + "echo '{\"name\": \"hello-numpy\"}' > \"$dir/hello-numpy/meta.json\"\n"
                        + "echo '{}' > \"$dir/hello-numpy/app/config/config_fed_server.json\"\n",
                "UTF-8");
        python.chmod(0700);
        flare.fake.replay("21-job-submit");

        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("[FLARE] Exported jobs/hello/job.py --num_rounds 2 --name a b (job hello-numpy)", b);
        j.assertLogContains("job: " + FlareFixture.JOB_ID, b);
        List<String> argv = List.of(ws.child("py/argv").readToString().split("\n"));
        assertEquals(
                List.of("job.py", "--num_rounds", "2", "--name", "a b", "--export", "--export-dir"),
                argv.subList(0, 7));
        String submitted = FlareFixture.option(flare.calls("submit").get(0), "-j");
        assertTrue(submitted.startsWith(argv.get(7)) && submitted.endsWith("hello-numpy"), submitted);
        assertTrue(submitted.contains("@tmp"), "exported beside the workspace, not in it: " + submitted);
        assertFalse(Files.exists(Path.of(argv.get(7))), "the export is deleted after the submit");
        flare.assertKitsDeleted();
    }

    /** Without Python the step says so, on either transport, before FLARE is contacted. */
    @Test
    void noPythonIsAClearErrorOnBothTransports() throws Exception {
        for (String transport : List.of("cli", "native")) {
            WorkflowJob p = j.createProject(WorkflowJob.class, "no-python-" + transport);
            p.setDefinition(new CpsFlowDefinition(
                    "node { flareSubmit jobScript: 'job.py', python: '/nonexistent/python3', "
                            + "credentialsId: 'flare-kit', transport: '" + transport + "' }",
                    true));
            j.jenkins.getWorkspaceFor(p).child("job.py").write("# recipe\n", "UTF-8");
            WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
            j.assertLogContains("Could not run Python '/nonexistent/python3'", b);
            j.assertLogContains("[PYTHON_NOT_FOUND", b);
        }
        assertTrue(flare.calls("submit").isEmpty());
    }

    @Test
    void aFolderAndAScriptTogetherAreRefused() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "both");
        p.setDefinition(new CpsFlowDefinition(
                "node { flareSubmit jobFolder: 'job', jobScript: 'job.py', credentialsId: 'flare-kit' }", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("flareSubmit needs either jobFolder or jobScript.", b);
        assertTrue(flare.fake.calls().isEmpty());
    }
}
