package io.jenkins.plugins.nvflare.client.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layouts follow the job folder FLARE stored for hello-numpy (capture 28-job-download-tree.txt, job/tmp.../). */
class JobFoldersTest {

    @TempDir
    Path tmp;

    private static Path job(Path dir, String meta, String serverConfig) throws IOException {
        Files.createDirectories(dir.resolve("app/config"));
        Files.writeString(dir.resolve(meta), "{}");
        Files.writeString(dir.resolve("app/config").resolve(serverConfig), "{}");
        Files.writeString(dir.resolve("app/config/config_fed_client.json"), "{}");
        return dir;
    }

    @Test
    void acceptsAJobFolderWithMetaAndServerConfig() throws Exception {
        Path job = job(tmp.resolve("hello-numpy"), "meta.json", "config_fed_server.json");
        assertEquals(job, JobFolders.resolve(job));
    }

    @Test
    void acceptsEveryConfigFormatFlareReads() throws Exception {
        Path job = job(tmp.resolve("conf"), "meta.conf", "config_fed_server.yaml");
        assertEquals(job, JobFolders.resolve(job));
    }

    @Test
    void descendsIntoTheSingleNonHiddenSubfolderLikeTheCli() throws Exception {
        Path outer = tmp.resolve("export");
        Path inner = job(outer.resolve("hello-numpy"), "meta.json", "config_fed_server.json");
        Files.createDirectories(outer.resolve(".git"));
        Files.writeString(outer.resolve("README.md"), "not a job");
        assertEquals(inner, JobFolders.resolve(outer));
    }

    @Test
    void acceptsAnAppNamedInTheDeployMap() throws Exception {
        Path job = tmp.resolve("multi");
        Files.createDirectories(job.resolve("app_server/config"));
        Files.writeString(job.resolve("meta.json"), "{}");
        Files.writeString(job.resolve("app_server/config/config_fed_server.json"), "{}");
        assertEquals(job, JobFolders.resolve(job));
    }

    @Test
    void namesAMissingMeta() throws Exception {
        Path job = job(tmp.resolve("nometa"), "meta.json", "config_fed_server.json");
        Files.delete(job.resolve("meta.json"));
        FlareException e = assertThrows(FlareException.class, () -> JobFolders.resolve(job));
        // the server's answer to the CLI after the upload (job_meta_validator.py), here before anything is sent
        assertEquals(ErrorCodes.JOB_INVALID, e.errorCode());
        assertEquals(ExitCodes.JOB_OR_SERVER_ERROR, e.exitCode());
        assertTrue(e.getMessage().startsWith("Job folder is not a valid NVFlare job. \u2014 "), e.getMessage());
        assertTrue(e.getMessage().contains("lacks meta.(json|conf|yml|yaml)"), e.getMessage());
        assertTrue(!e.getMessage().contains("config_fed_server"), e.getMessage());
        assertTrue(e.hint().contains("meta.json"), e.hint());
    }

    @Test
    void namesAMissingServerConfig() throws Exception {
        Path job = job(tmp.resolve("noserver"), "meta.json", "config_fed_server.json");
        Files.delete(job.resolve("app/config/config_fed_server.json"));
        FlareException e = assertThrows(FlareException.class, () -> JobFolders.resolve(job));
        assertTrue(e.getMessage().contains("lacks an app with config/config_fed_server"), e.getMessage());
        assertTrue(!e.getMessage().contains("meta.("), e.getMessage());
    }

    @Test
    void namesWhatTheOnlySubfolderLacks() throws Exception {
        Path outer = tmp.resolve("outer");
        Files.createDirectories(outer.resolve("inner/app/config"));
        Files.writeString(outer.resolve("inner/meta.json"), "{}");
        FlareException e = assertThrows(FlareException.class, () -> JobFolders.resolve(outer));
        assertTrue(
                e.getMessage().contains("its only sub-folder inner lacks an app with config/config_fed_server"),
                e.getMessage());
    }

    /** job_cli.py submit_job: "invalid job folder: <path>" through output_usage_error, exit 4. */
    @Test
    void rejectsMissingFolderAndPlainFileAsTheCliDoes() throws Exception {
        Path nope = tmp.resolve("nope");
        FlareException missing = assertThrows(FlareException.class, () -> JobFolders.resolve(nope));
        assertEquals(
                "Invalid arguments. \u2014 invalid job folder: " + nope + " (no such folder)", missing.getMessage());
        assertEquals(ErrorCodes.INVALID_ARGS, missing.errorCode());
        assertEquals(ExitCodes.INVALID_ARGS, missing.exitCode());
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        FlareException notDir = assertThrows(FlareException.class, () -> JobFolders.resolve(file));
        assertTrue(notDir.getMessage().endsWith("(not a folder)"), notDir.getMessage());
        assertEquals(ErrorCodes.INVALID_ARGS, notDir.errorCode());
    }

    @Test
    void descendsOnlyWhereTheCliDoes() throws Exception {
        // The only sub-folder is a job, but its server app is not app/: the CLI submits the outer folder.
        Path outer = tmp.resolve("outer-multi");
        Path inner = Files.createDirectories(outer.resolve("job/app_server/config"));
        Files.writeString(outer.resolve("job/meta.json"), "{}");
        Files.writeString(inner.resolve("config_fed_server.json"), "{}");
        FlareException e = assertThrows(FlareException.class, () -> JobFolders.resolve(outer));
        assertEquals(ErrorCodes.JOB_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("descends into it only when its server app is app/"), e.getMessage());
    }

    // ---- symbolic links: refused on both transports (README), whatever they point to

    @Test
    void refusesALinkToAFileOutsideTheFolder() throws Exception {
        Path job = job(tmp.resolve("linked"), "meta.json", "config_fed_server.json");
        Path secret = Files.writeString(tmp.resolve("secret"), "s");
        Files.createDirectories(job.resolve("app/custom"));
        Files.createSymbolicLink(job.resolve("app/custom/data.csv"), secret);
        FlareException e = assertThrows(FlareException.class, () -> JobFolders.resolve(job));
        assertEquals(ErrorCodes.UNSAFE_PATH, e.errorCode());
        assertEquals(ExitCodes.LOCAL, e.exitCode());
        assertTrue(e.getMessage().contains(Path.of("app/custom/data.csv") + " (-> " + secret + ")"), e.getMessage());
    }

    @Test
    void refusesLinksInsideTheFolderAndLinkedFolders() throws Exception {
        Path job = job(tmp.resolve("inside"), "meta.json", "config_fed_server.json");
        Files.createSymbolicLink(job.resolve("app/loop"), job); // a link back up: copytree would recurse
        FlareException loop = assertThrows(FlareException.class, () -> JobFolders.resolve(job));
        assertEquals(ErrorCodes.UNSAFE_PATH, loop.errorCode());
        Files.delete(job.resolve("app/loop"));
        Files.createSymbolicLink(job.resolve("meta-copy.json"), job.resolve("meta.json"));
        assertEquals(
                ErrorCodes.UNSAFE_PATH,
                assertThrows(FlareException.class, () -> JobFolders.resolve(job))
                        .errorCode());
        Files.delete(job.resolve("meta-copy.json"));
        Files.createSymbolicLink(job.resolve("broken"), tmp.resolve("nowhere"));
        assertEquals(
                ErrorCodes.UNSAFE_PATH,
                assertThrows(FlareException.class, () -> JobFolders.resolve(job))
                        .errorCode());
    }

    @Test
    void refusesAJobFolderThatIsALinkButNotLinkedParents() throws Exception {
        Path real = job(tmp.resolve("real/hello-numpy"), "meta.json", "config_fed_server.json");
        Path link = Files.createSymbolicLink(tmp.resolve("current"), real);
        FlareException e = assertThrows(FlareException.class, () -> JobFolders.resolve(link));
        assertEquals(ErrorCodes.UNSAFE_PATH, e.errorCode());
        assertTrue(e.getMessage().startsWith("Job folder " + link + " is a symbolic link"), e.getMessage());
        Path linkedParent = Files.createSymbolicLink(tmp.resolve("parent"), tmp.resolve("real"));
        assertEquals(linkedParent.resolve("hello-numpy"), JobFolders.resolve(linkedParent.resolve("hello-numpy")));
    }

    // ---- the JSON the CLI parses before connecting: INTERNAL_ERROR, exit 5

    @Test
    void aMetaThatIsNotJsonIsTheClisInternalError() throws Exception {
        Path job = job(tmp.resolve("badmeta"), "meta.json", "config_fed_server.json");
        Files.writeString(job.resolve("meta.json"), "{\"name\": }");
        FlareException e = assertThrows(FlareException.class, () -> JobFolders.resolve(job));
        assertEquals(ErrorCodes.INTERNAL_ERROR, e.errorCode());
        assertEquals(ExitCodes.INTERNAL_ERROR, e.exitCode());
        assertTrue(
                e.getMessage()
                        .startsWith("nvflare job submit cannot parse meta.json of job folder " + job
                                + ": is not valid JSON: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("(line 1, column 10)"), e.getMessage());
    }

    @Test
    void jsonIsReadAsPythonReadsIt() throws Exception {
        Path job = job(tmp.resolve("python"), "meta.json", "config_fed_server.json");
        Files.writeString(job.resolve("meta.json"), "{\"a\": NaN, \"b\": -Infinity, \"a\": 1}\n");
        assertEquals(job, JobFolders.resolve(job));
        for (String bad : new String[] {"", "[]", "{} {}", "{\"a\": 1,}", "\uFEFF{}", "{'a': 1}"}) {
            Files.writeString(job.resolve("meta.json"), bad);
            FlareException e = assertThrows(FlareException.class, () -> JobFolders.resolve(job), bad);
            assertEquals(ErrorCodes.INTERNAL_ERROR, e.errorCode(), bad);
        }
        Files.write(job.resolve("meta.json"), new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'});
        assertTrue(assertThrows(FlareException.class, () -> JobFolders.resolve(job))
                .getMessage()
                .contains("not UTF-8"));
    }

    @Test
    void appConfigsAndCustomJsonAreParsedLikeMeta() throws Exception {
        Path job = job(tmp.resolve("configs"), "meta.json", "config_fed_server.json");
        Files.writeString(job.resolve("app/config/config_fed_client.json"), "not json");
        FlareException client = assertThrows(FlareException.class, () -> JobFolders.resolve(job));
        assertTrue(
                client.getMessage()
                        .contains(Path.of("app/config/config_fed_client.json").toString()),
                client.getMessage());
        Files.writeString(job.resolve("app/config/config_fed_client.json"), "{}");
        Path custom = Files.createDirectories(job.resolve("app/custom/pkg"));
        Files.writeString(custom.resolve("vocab.json"), "{");
        FlareException vocab = assertThrows(FlareException.class, () -> JobFolders.resolve(job));
        assertEquals(ErrorCodes.INTERNAL_ERROR, vocab.errorCode());
        assertTrue(
                vocab.getMessage().contains(Path.of("app/custom/pkg/vocab.json").toString()), vocab.getMessage());
        // not parsed by the CLI: its prefix, and names it looks up by the part before the first dot
        Files.writeString(custom.resolve("vocab.json"), "{}");
        Files.writeString(custom.resolve(".__nvfl_sig.json"), "x");
        Files.writeString(custom.resolve("model.v1.json"), "x");
        Files.writeString(job.resolve("app/config/config_fed_server.conf"), "not checked: HOCON");
        assertEquals(job, JobFolders.resolve(job));
    }

    @Test
    void theMetaOfASubFolderIsTheServersToRefuse() throws Exception {
        Path outer = tmp.resolve("export2");
        Path inner = job(outer.resolve("hello-numpy"), "meta.json", "config_fed_server.json");
        Files.writeString(inner.resolve("meta.json"), "{");
        FlareException e = assertThrows(FlareException.class, () -> JobFolders.resolve(outer));
        assertEquals(ErrorCodes.JOB_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains(inner.resolve("meta.json") + " is not valid JSON"), e.getMessage());
    }
}
