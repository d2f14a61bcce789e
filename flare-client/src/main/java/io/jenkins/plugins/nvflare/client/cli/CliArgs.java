package io.jenkins.plugins.nvflare.client.cli;

import java.util.ArrayList;
import java.util.List;

/** Builds a {@code nvflare job ...} argument list from typed options; absent options are left out. */
final class CliArgs {
    private final List<String> args = new ArrayList<>();

    static CliArgs job(String subcommand) {
        CliArgs a = new CliArgs();
        a.args.add("job");
        a.args.add(subcommand);
        return a;
    }

    CliArgs positional(String value) {
        args.add(value);
        return this;
    }

    CliArgs option(String flag, Object value) {
        if (value != null) {
            String text = value.toString();
            if (text.startsWith("-")) {
                // argparse would read "-x" after a flag as the next option; "--flag=-x" keeps it a value.
                args.add(flag + "=" + text);
            } else {
                args.add(flag);
                args.add(text);
            }
        }
        return this;
    }

    CliArgs flag(String flag, boolean on) {
        if (on) {
            args.add(flag);
        }
        return this;
    }

    List<String> build() {
        return List.copyOf(args);
    }
}
