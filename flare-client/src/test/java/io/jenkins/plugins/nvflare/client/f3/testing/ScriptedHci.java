package io.jenkins.plugins.nvflare.client.f3.testing;

import io.jenkins.plugins.nvflare.client.FlareVersion;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import io.jenkins.plugins.nvflare.client.f3.session.AdminSession;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake admin session: answers each command line with the replies scripted for it, in order (the last
 * one repeats), and records every line sent. An unscripted command fails the test.
 */
public final class ScriptedHci implements AdminSession {
    /** One scripted answer: a reply, or an exception to throw. */
    @FunctionalInterface
    public interface Answer {
        HciReply answer() throws IOException;
    }

    private final Map<String, Deque<Answer>> script = new LinkedHashMap<>();
    private final List<String> sent = new ArrayList<>();
    private boolean closed;
    private Runnable onCommand = () -> {};
    private FlareVersion version = FlareVersion.V2_8_0;

    public ScriptedHci on(String commandLine, HciReply... replies) {
        for (HciReply r : replies) {
            script.computeIfAbsent(commandLine, k -> new ArrayDeque<>()).add(() -> r);
        }
        return this;
    }

    public ScriptedHci onAnswer(String commandLine, Answer answer) {
        script.computeIfAbsent(commandLine, k -> new ArrayDeque<>()).add(answer);
        return this;
    }

    /** The version the session's server reported at login (KitAdminSessions asks it with report_version). */
    public ScriptedHci serverVersion(FlareVersion reported) {
        this.version = reported;
        return this;
    }

    @Override
    public FlareVersion serverVersion() {
        return version;
    }

    /** Runs before every command (e.g. to advance a fake clock or interrupt the caller). */
    ScriptedHci beforeEachCommand(Runnable action) {
        this.onCommand = action;
        return this;
    }

    @Override
    public synchronized HciReply command(String commandLine) throws IOException {
        sent.add(commandLine);
        onCommand.run();
        Deque<Answer> answers = script.get(commandLine);
        if (answers == null || answers.isEmpty()) {
            throw new AssertionError("unexpected hci command: " + commandLine + " (scripted: " + script.keySet() + ")");
        }
        Answer a = answers.size() > 1 ? answers.poll() : answers.peek();
        return a.answer();
    }

    public synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    @Override
    public Streaming streaming() {
        throw new AssertionError("a scripted session cannot stream; use FakeFlareServer with FakeStreamServer");
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    public synchronized boolean closed() {
        return closed;
    }
}
