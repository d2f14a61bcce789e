package io.jenkins.plugins.nvflare.client.cli;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.FlareFeature;
import io.jenkins.plugins.nvflare.client.FlareVersion;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a CLI too old for the JSON contract from other broken output: when a command printed something that is
 * not the contract, {@code nvflare --version} is run once (per client) and a version before
 * {@link FlareFeature#CLI_JSON_CONTRACT}'s replaces the error with one naming both versions. It runs only then,
 * not before every first command, because it costs a Python start (about a second), and it may run afterwards
 * because an old CLI refuses the contract's arguments before doing anything: 2.7.2 answers {@code job submit
 * ... --format json} with "unrecognized arguments" and {@code job meta} with "invalid choice" (live captures
 * 200-204), exit 2.
 */
final class CliVersionCheck {
    // cli.py: print("NVFlare version is", nvflare.__version__)
    private static final Pattern VERSION_LINE = Pattern.compile("NVFlare version is (\\S{1,64})");
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final int MAX_LINES = 50;

    private final CliConfig config;
    private Optional<FlareVersion> version;

    CliVersionCheck(CliConfig config) {
        this.config = config;
    }

    /** {@code invalidOutput} itself, or the version error when the CLI is older than the contract. */
    FlareException explain(FlareException invalidOutput) throws InterruptedException {
        if (!ErrorCodes.CLI_OUTPUT_INVALID.equals(invalidOutput.errorCode())) {
            return invalidOutput;
        }
        Optional<FlareVersion> cliVersion = version();
        if (cliVersion.isEmpty()) {
            return invalidOutput;
        }
        try {
            FlareFeature.CLI_JSON_CONTRACT.require(cliVersion.get(), "the nvflare CLI at " + config.executable());
            return invalidOutput;
        } catch (FlareException tooOld) {
            return new FlareException(
                    tooOld.errorCode(),
                    tooOld.getMessage(),
                    tooOld.hint(),
                    tooOld.exitCode(),
                    null,
                    invalidOutput); // the CLI's own output stays available as the cause
        }
    }

    private synchronized Optional<FlareVersion> version() throws InterruptedException {
        if (version == null) {
            version = ask();
        }
        return version;
    }

    /** The version {@code nvflare --version} prints; empty when it cannot be run or says something else. */
    private Optional<FlareVersion> ask() throws InterruptedException {
        long deadline = CliProcess.deadlineFromNow(DEADLINE);
        try (CliProcess process =
                CliProcess.start(List.of(config.executable(), "--version"), config, "nvflare --version")) {
            String line;
            for (int i = 0; i < MAX_LINES && (line = process.nextLine(deadline)) != null; i++) {
                Matcher m = VERSION_LINE.matcher(line);
                if (m.find()) {
                    return FlareVersion.parse(m.group(1));
                }
            }
            return Optional.empty();
        } catch (FlareException e) {
            return Optional.empty(); // the command's own error is the one to report
        }
    }
}
