package io.jenkins.plugins.nvflare.client.f3.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SessionKeeper without a network: which session each operation gets, and what happens to it afterwards. */
class SessionKeeperTest {
    private static final HciReply OK = new HciReply(List.of(new HciReply.Item("string", "OK")), Map.of());
    private static final HciReply INACTIVE = new HciReply(
            List.of(new HciReply.Item("error", "session_inactive"), new HciReply.Item("string", "session timed out")),
            Map.of());

    private final List<Fake> logins = new ArrayList<>();
    private long now;
    private final SessionKeeper keeper = new SessionKeeper(
            study -> {
                Fake f = new Fake("login " + logins.size() + " " + study);
                logins.add(f);
                return f;
            },
            () -> now);

    @Test
    void backToBackOperationsShareOneLoginWithoutChecks() throws Exception {
        run("meta");
        now += SessionKeeper.CHECK_AFTER_IDLE.toNanos() - 1;
        run("list_jobs");
        assertEquals(1, logins.size());
        assertEquals(List.of("meta", "list_jobs"), logins.get(0).events);
        keeper.close();
        assertEquals(List.of("meta", "list_jobs", "logout"), logins.get(0).events);
        assertThrows(IllegalStateException.class, () -> keeper.open(null));
    }

    @Test
    void anIdleSessionIsCheckedAndReplacedWhenTheServerEndedIt() throws Exception {
        run("meta");
        now += SessionKeeper.CHECK_AFTER_IDLE.toNanos();
        logins.get(0).answers.add(OK);
        run("meta");
        assertEquals(1, logins.size(), "alive: reused");
        now += SessionKeeper.CHECK_AFTER_IDLE.toNanos();
        logins.get(0).answers.add(INACTIVE);
        run("meta");
        assertEquals(
                List.of("meta", "_check_session", "meta", "_check_session", "abandoned", "closed"),
                logins.get(0).events);
        assertEquals(List.of("meta"), logins.get(1).events);
    }

    @Test
    void beforeAnUploadTheKeptSessionIsCheckedHoweverShortItsRest() throws Exception {
        run("meta");
        logins.get(0).failNext = new IOException("connection reset");
        try (AdminSession s = keeper.openChecked(null)) {
            s.command("upload");
        }
        assertEquals(List.of("meta", "_check_session", "abandoned", "closed"), logins.get(0).events);
        assertEquals(List.of("upload"), logins.get(1).events);
    }

    @Test
    void anotherStudyLogsTheKeptSessionOutFirst() throws Exception {
        run("meta");
        try (AdminSession s = keeper.open("cancer")) {
            s.command("meta");
        }
        assertEquals(List.of("meta", "logout"), logins.get(0).events);
        assertEquals("login 1 cancer", logins.get(1).name);
    }

    @Test
    void aConcurrentOperationGetsASessionOfItsOwnAndOnlyOneIsKept() throws Exception {
        try (AdminSession first = keeper.open(null)) {
            try (AdminSession second = keeper.open(null)) {
                second.command("list_jobs");
            }
            first.command("meta");
        }
        assertEquals(List.of("meta", "logout"), logins.get(0).events, "the one that ended last is logged out");
        assertEquals(List.of("list_jobs"), logins.get(1).events);
        run("stats");
        assertEquals(List.of("list_jobs", "stats"), logins.get(1).events);
        assertEquals(2, logins.size());
    }

    @Test
    void aKeptConnectionThatFailsBeforeAnyAnswerIsStaleAndNotKept() throws Exception {
        run("meta");
        logins.get(0).failNext = new FlareException(
                ErrorCodes.CONNECTION_FAILED,
                "The FLARE server closed the connection",
                "",
                ExitCodes.CONNECTION_OR_KIT,
                null);
        AdminSession s = keeper.open(null);
        assertThrows(FlareException.class, () -> s.command("meta"));
        s.close();
        assertTrue(s.stale());
        assertEquals(List.of("meta", "meta", "abandoned", "closed"), logins.get(0).events);
        run("meta");
        assertEquals(2, logins.size(), "a new login after a stale one");
    }

    @Test
    void aFailureAfterAnAnswerIsNotStale() throws Exception {
        run("meta");
        AdminSession s = keeper.open(null);
        s.command("meta");
        logins.get(0).failNext = new IOException("connection reset");
        assertThrows(IOException.class, () -> s.command("meta"));
        s.close();
        assertFalse(s.stale(), "the operation did something: it must not run again");
    }

    @Test
    void aFreshSessionThatFailsIsNotStale() throws Exception {
        AdminSession s = keeper.open(null);
        logins.get(0).failNext = new IOException("connection reset");
        assertThrows(IOException.class, () -> s.command("meta"));
        s.close();
        assertFalse(s.stale(), "the server was not reached at all: nothing to replace");
    }

    @Test
    void sessionInactiveIsStaleEvenAfterAnAnswer() throws Exception {
        AdminSession s = keeper.open(null);
        s.command("meta");
        logins.get(0).answers.add(INACTIVE);
        s.command("meta");
        s.close();
        assertTrue(s.stale(), "the server ran nothing for the refused command");
        assertEquals(List.of("meta", "meta", "abandoned", "closed"), logins.get(0).events);
        run("meta");
        assertEquals(2, logins.size());
    }

    /** A client nobody closes holds its connection only until the keeper logs the unused session out. */
    @Test
    void aSessionKeptUnusedIsLoggedOutByTheKeeper() throws Exception {
        List<Fake> made = new ArrayList<>();
        SessionKeeper soon = new SessionKeeper(
                study -> {
                    Fake f = new Fake("login " + made.size());
                    made.add(f);
                    return f;
                },
                System::nanoTime,
                Duration.ofMillis(100));
        try (AdminSession s = soon.open(null)) {
            s.command("meta");
        }
        long until = System.nanoTime() + 10_000_000_000L;
        while (!made.get(0).events.contains("logout") && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertEquals(List.of("meta", "logout"), made.get(0).events);
        try (AdminSession s = soon.open(null)) {
            s.command("meta");
        }
        assertEquals(2, made.size(), "a new login after the unused one was logged out");
        soon.close();
        assertEquals(List.of("meta", "logout"), made.get(1).events);
    }

    private void run(String command) throws Exception {
        try (AdminSession s = keeper.open(null)) {
            s.command(command);
        }
    }

    /** A session that records what happens to it. */
    private static final class Fake implements AdminSession {
        final String name;
        final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        final Deque<HciReply> answers = new ArrayDeque<>();
        Exception failNext;
        boolean abandoned;

        Fake(String name) {
            this.name = name;
        }

        @Override
        public HciReply command(String commandLine) throws IOException, FlareException {
            events.add(commandLine);
            Exception fail = failNext;
            failNext = null;
            if (fail instanceof IOException io) {
                throw io;
            }
            if (fail instanceof FlareException f) {
                throw f;
            }
            return answers.isEmpty() ? OK : answers.poll();
        }

        @Override
        public Streaming streaming() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void abandon() {
            abandoned = true;
            events.add("abandoned");
        }

        @Override
        public void close() {
            events.add(abandoned ? "closed" : "logout");
        }
    }
}
