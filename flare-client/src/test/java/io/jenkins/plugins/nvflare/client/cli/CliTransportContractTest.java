package io.jenkins.plugins.nvflare.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareClientContract;
import io.jenkins.plugins.nvflare.client.testing.Captures;
import io.jenkins.plugins.nvflare.client.testing.CliAnswers;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The shared contract for {@link CliFlareClient}: the fake nvflare replays each scenario's real captures, or,
 * for inputs no capture covers, what the real CLI prints for them built from NVFlare's sources
 * ({@link CliAnswers}, which names the source file and function of each text). Where the transport checks an
 * input itself first (job folders, submit tokens, job ids starting with '-'), the answer stays scripted but unused:
 * the check must give the code the replay would.
 */
class CliTransportContractTest extends FlareClientContract {
    private FakeNvflare fake;

    @Override
    protected FlareClient given(Scenario scenario) throws Exception {
        fake = FakeNvflare.install(tmp.resolve("fake-nvflare"));
        Path kit = tmp.resolve("kit");
        String kitPath = kit.toAbsolutePath().toString();
        for (String capture : scenario.captures()) {
            if (scenario == Scenario.DOWNLOAD) {
                // The CLI prints where it put the job: the captured folder, moved to this test's output folder.
                Response captured = Response.capture(capture);
                fake.respond(
                        "download",
                        Response.of(
                                (String) rebased(Captures.stdout(capture)),
                                new String(captured.stderr(), StandardCharsets.UTF_8),
                                captured.exitCode()));
            } else {
                fake.replay(capture);
            }
        }
        switch (scenario) {
            case SUBMIT_NO_SUCH_FOLDER ->
                answer("submit", CliAnswers.invalidJobFolder(missingJobFolder().toString()));
            case SUBMIT_FOLDER_WITHOUT_META ->
                answer("submit", CliAnswers.jobInvalid(CliAnswers.noMeta(CliAnswers.UPLOADED_FOLDER)));
            case SUBMIT_FOLDER_WITHOUT_SERVER_CONFIG ->
                answer("submit", CliAnswers.jobInvalid(CliAnswers.noServerConfig("app")));
            case SUBMIT_META_NOT_JSON -> answer("submit", CliAnswers.metaJsonNotParsable());
            case SUBMIT_BAD_TOKENS -> BAD_TOKENS.forEach(t -> answer("submit", CliAnswers.submitTokenInvalid()));
            case KIT_WITHOUT_FED_ADMIN -> answer("meta", CliAnswers.notAStartupKit(kitPath));
            case KIT_OF_A_SITE -> answer("meta", CliAnswers.notAnAdminKit(kitPath));
            case KIT_WITH_A_SITE_CERTIFICATE -> answer("meta", CliAnswers.notAuthorized("get_job_meta " + JOB));
            case META_JOB_ID_WITH_A_SPACE -> answer("meta", CliAnswers.jobNotFound(JOB_ID_WITH_A_SPACE));
            case LOGS_SINCE_NOT_A_TIMESTAMP -> answer("logs", CliAnswers.sinceNotATimestamp("yesterday"));
            case SERVER_GOES_AWAY_DURING_META -> answer("meta", CliAnswers.serverWentAway());
            default -> {}
        }
        return new CliFlareClient(
                CliConfig.defaults().withExecutable(fake.executable().toString()), kit);
    }

    /** The transport checked the input itself: nvflare was not run. */
    @Override
    protected void assertNothingSent() {
        assertEquals(List.of(), fake.calls());
    }

    private void answer(String subcommand, String cliAnswer) {
        fake.respond(subcommand, CliAnswers.response(cliAnswer));
    }
}
