package io.jenkins.plugins.nvflare.client.f3.testing;

import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link FakeFlareServer}'s answers by hci command line, in order (the last one repeats); records the
 * commands nobody scripted so a test can fail on them. {@code _logout} gets the server's default reply, and the
 * version every login asks ({@code report_version server}) what a live 2.8.1 server answered
 * (f3/live/v281-report-version.reply.json) unless a test scripts another.
 */
public final class ScriptedReplies {
    private final Map<String, Deque<String>> script = new LinkedHashMap<>();
    private static final String REPORT_VERSION = "report_version server";
    private final List<String> unscripted = new ArrayList<>();

    public synchronized ScriptedReplies on(String line, HciReply... answers) {
        for (HciReply a : answers) {
            script.computeIfAbsent(line, k -> new ArrayDeque<>()).add(ServerReplies.json(a));
        }
        return this;
    }

    /** {@code report_version server} answers as a server of {@code version} does (the dict item of 2.8 and later). */
    public synchronized ScriptedReplies serverVersion(String version) {
        script.computeIfAbsent(REPORT_VERSION, k -> new ArrayDeque<>())
                .add(F3Fixtures.text("live/v281-report-version.reply.json")
                        .replace("\"version\": \"2.8.1\"", "\"version\": \"" + version + "\""));
        return this;
    }

    /** The server drops the connection when {@code line} comes, as a server process that dies on it. */
    public synchronized ScriptedReplies hangUpOn(String line) {
        script.computeIfAbsent(line, k -> new ArrayDeque<>()).add(FakeFlareServer.HANG_UP_ANSWER);
        return this;
    }

    /** The answer for {@code line}, or null for the server's default reply. */
    public synchronized String answer(String line) {
        if (line.equals("_logout")) {
            return null; // the default "ran _logout" string reply, which the client ignores
        }
        Deque<String> answers = script.get(line);
        if (answers == null && line.equals(REPORT_VERSION)) {
            return F3Fixtures.text("live/v281-report-version.reply.json");
        }
        if (answers == null) {
            unscripted.add(line);
            return null;
        }
        return answers.size() > 1 ? answers.poll() : answers.peek();
    }

    public synchronized List<String> unscripted() {
        return List.copyOf(unscripted);
    }
}
