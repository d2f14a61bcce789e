package io.jenkins.plugins.nvflare.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code python job.py --export --export-dir DIR} with a stand-in for Python: a bash script that records how it was
 * run and, like NVFlare's recipe export ({@code nvflare/recipe/spec.py}, {@code FedJob.export_job}), writes the job
 * folder {@code DIR/<job name>/} with {@code meta.json} and the server app's config.
 */
class JobScriptExportTest {

    @TempDir
    Path tmp;

    private Path script;
    private Path export;

    @BeforeEach
    void setUp() throws IOException {
        script = Files.createDirectories(tmp.resolve("jobs/hello")).resolve("job.py");
        Files.writeString(script, "# a recipe\n");
        export = tmp.resolve("export");
    }

    private CliConfig python(String body) throws IOException {
        FakeNvflare.assumeScriptsRun();
        Path exe = tmp.resolve("python");
        Files.writeString(
                exe,
                "#!/usr/bin/env bash\n"
                        + "printf '%s\\n' \"$@\" > " + tmp.resolve("argv") + "; pwd > " + tmp.resolve("cwd") + "\n"
                        + "dir=; prev=; for a in \"$@\"; do [ \"$prev\" = --export-dir ] && dir=$a; prev=$a; done\n"
                        + body);
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwx------"));
        return CliConfig.defaults().withExecutable(exe.toString());
    }

    private static final String EXPORTS = "mkdir -p \"$dir/hello-numpy/app/config\"\n"
            + "echo '{\"name\": \"hello-numpy\"}' > \"$dir/hello-numpy/meta.json\"\n"
            + "echo '{}' > \"$dir/hello-numpy/app/config/config_fed_server.json\"\n"
            + "echo '{}' > \"$dir/hello-numpy/app/config/config_fed_client.json\"\n";

    @Test
    void runsTheScriptInItsFolderAndReturnsTheExportedJobFolder() throws Exception {
        Path job = JobScriptExport.export(script, List.of("--num_rounds", "2"), python(EXPORTS), export);
        assertEquals(export.resolve("hello-numpy"), job);
        assertEquals(
                List.of(
                        "job.py",
                        "--num_rounds",
                        "2",
                        "--export",
                        "--export-dir",
                        export.toAbsolutePath().toString()),
                Files.readAllLines(tmp.resolve("argv")));
        assertEquals(
                script.getParent().toRealPath().toString(),
                Files.readString(tmp.resolve("cwd")).strip());
    }

    @Test
    void aScriptThatFailsGivesItsStderrAndAHint() throws Exception {
        FlareException e = assertThrows(
                FlareException.class,
                () -> JobScriptExport.export(
                        script,
                        List.of(),
                        python("echo \"ModuleNotFoundError: No module named 'nvflare'\" >&2; exit 1\n"),
                        export));
        assertEquals(ErrorCodes.JOB_EXPORT_FAILED, e.errorCode());
        assertTrue(
                e.getMessage().contains("exit code 1") && e.getMessage().contains("No module named 'nvflare'"),
                e.getMessage());
        assertTrue(e.hint().contains("pip install nvflare"), e.hint());
    }

    @Test
    void aScriptThatExportsNothingIsAnError() throws Exception {
        FlareException e = assertThrows(
                FlareException.class, () -> JobScriptExport.export(script, List.of(), python("exit 0\n"), export));
        assertEquals(ErrorCodes.JOB_EXPORT_FAILED, e.errorCode());
        assertTrue(e.getMessage().contains("exported 0 folders"), e.getMessage());
    }

    @Test
    void anExportThatIsNoJobFolderIsRefusedWithTheJobFolderCheck() throws Exception {
        FlareException e = assertThrows(
                FlareException.class,
                () -> JobScriptExport.export(script, List.of(), python("mkdir -p \"$dir/x\"\n"), export));
        assertEquals(ErrorCodes.JOB_INVALID, e.errorCode(), e.getMessage());
    }

    @Test
    void missingPythonOrScriptAreClearErrors() throws Exception {
        FlareException noPython = assertThrows(
                FlareException.class,
                () -> JobScriptExport.export(
                        script,
                        List.of(),
                        CliConfig.defaults()
                                .withExecutable(tmp.resolve("no-python").toString()),
                        export));
        assertEquals(ErrorCodes.PYTHON_NOT_FOUND, noPython.errorCode());
        assertTrue(noPython.getMessage().contains("no-python"), noPython.getMessage());

        FlareException noScript = assertThrows(
                FlareException.class,
                () -> JobScriptExport.export(tmp.resolve("nope.py"), List.of(), python(EXPORTS), export));
        assertEquals(ErrorCodes.JOB_EXPORT_FAILED, noScript.errorCode());
    }
}
