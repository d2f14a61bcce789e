package io.jenkins.plugins.nvflare.client.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmitTokensTest {

    @Test
    void isStableForTheSameBuildStep() {
        assertEquals(SubmitTokens.forBuild("team/train", 42, "7"), SubmitTokens.forBuild("team/train", 42, "7"));
    }

    @Test
    void isReadableAndInFlaresAlphabet() {
        String token = SubmitTokens.forBuild("ml platform/hello numpy", 42, "7");
        assertTrue(token.startsWith("jenkins-ml_platform_hello_numpy-42-"), token);
        assertTrue(SubmitTokens.PATTERN.matcher(token).matches(), token);
    }

    @Test
    void differsPerBuildStepAndJobEvenWhenNamesSanitiseAlike() {
        String base = SubmitTokens.forBuild("a/b", 1, "7");
        assertNotEquals(base, SubmitTokens.forBuild("a/b", 2, "7"));
        assertNotEquals(base, SubmitTokens.forBuild("a/b", 1, "8"));
        assertNotEquals(base, SubmitTokens.forBuild("a b", 1, "7"));
    }

    @Test
    void staysWithinTheLengthLimitForVeryLongNamesAndOddCharacters() {
        String token = SubmitTokens.forBuild("x".repeat(500) + "/ü€/日本", Integer.MAX_VALUE, "step".repeat(100));
        assertTrue(token.length() <= 128, token);
        assertTrue(SubmitTokens.PATTERN.matcher(token).matches(), token);
    }

    @Test
    void validateAcceptsTheTokensOfTheCaptures() throws Exception {
        // 30-submit-token-t1-first.cmd submits with --submit-token t1
        String cmd = Files.readString(Path.of("src/test/resources/nvflare-cli-captures/30-submit-token-t1-first.cmd"));
        assertTrue(cmd.contains("--submit-token t1"), cmd);
        assertEquals("t1", SubmitTokens.validate("t1"));
        assertEquals("build:42.a-b_c", SubmitTokens.validate("build:42.a-b_c"));
    }

    @Test
    void validateRejectsWhatFlareRejects() {
        for (String bad : new String[] {null, "", "has space", "slash/no", "x".repeat(129), "ü"}) {
            FlareException e = assertThrows(FlareException.class, () -> SubmitTokens.validate(bad));
            // the CLI's argparse error for --submit-token (job_cli.py _submit_token_arg): INVALID_ARGS, exit 4
            assertEquals(ErrorCodes.INVALID_ARGS, e.errorCode());
            assertEquals(ExitCodes.INVALID_ARGS, e.exitCode());
            assertEquals(
                    "Invalid submit token '" + bad + "': submit_token must be non-empty, at most 128 characters, "
                            + "and match ^[A-Za-z0-9._:-]{1,128}$",
                    e.getMessage());
            assertTrue(e.hint().contains("128"), e.hint());
        }
    }

    /** job_submit_token.py: a member larger than 10 MiB, not one of exactly 10 MiB; the signature files do not count. */
    @Test
    void findsTheFirstFileOverTenMibThatFlareWouldHashForAToken(@TempDir Path job) throws Exception {
        Files.writeString(job.resolve("meta.json"), "{}");
        Files.writeString(Files.createDirectories(job.resolve("app/config")).resolve("config_fed_server.json"), "{}");
        sized(job.resolve("app/custom/exactly.bin"), SubmitTokens.MAX_HASHED_FILE);
        sized(job.resolve("app/config/.__nvfl_sig.json"), SubmitTokens.MAX_HASHED_FILE + 1);
        JobFolder small = JobFolders.inspect(job);
        assertEquals(Optional.empty(), SubmitTokens.tooLargeToHash(small));
        SubmitTokens.requireHashable(small);

        sized(job.resolve("app/custom/z-model.pt"), SubmitTokens.MAX_HASHED_FILE + 2);
        sized(job.resolve("app/custom/b-data.bin"), SubmitTokens.MAX_HASHED_FILE + 1);
        assertEquals(Optional.empty(), SubmitTokens.tooLargeToHash(small), "the sizes are those of the walk");
        JobFolder large = JobFolders.inspect(job);
        assertEquals(
                Optional.of(new SubmitTokens.LargeFile("app/custom/b-data.bin", SubmitTokens.MAX_HASHED_FILE + 1)),
                SubmitTokens.tooLargeToHash(large));
        FlareException e = assertThrows(FlareException.class, () -> SubmitTokens.requireHashable(large));
        assertEquals(ErrorCodes.INTERNAL_ERROR, e.errorCode());
        assertEquals(ExitCodes.INTERNAL_ERROR, e.exitCode());
        assertTrue(
                e.getMessage()
                        .startsWith("FLARE cannot use a submit token for this job: app/custom/b-data.bin has "
                                + "10.0 MiB"),
                e.getMessage());
    }

    private static void sized(Path file, long bytes) throws Exception {
        Files.createDirectories(file.getParent());
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes);
        }
    }
}
