package io.jenkins.plugins.nvflare.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeptClientsTest {

    private final List<String> closed = new ArrayList<>();
    private Instant now = Instant.parse("2026-11-29T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final KeptClients clients = new KeptClients(clock, false);

    @Test
    void aKeptClientServesTheStepsNextCallAndOnlyThatStep() {
        FlareClient first = client("a1");
        assertSame(first, clients.take("step-a", () -> first));
        clients.keep("step-a", first, Duration.ofSeconds(70));

        now = now.plusSeconds(69);
        assertSame(first, clients.take("step-a", () -> client("a2")), "the same login serves the next poll");
        FlareClient other = clients.take("step-b", () -> client("b1"));
        assertNotSame(first, other, "another step has its own");
        assertEquals(List.of(), closed);
    }

    @Test
    void aClientIdlePastItsLimitIsClosedAndReplaced() {
        FlareClient first = client("a1");
        clients.keep("step-a", first, Duration.ofSeconds(70));
        clients.keep("step-b", client("b1"), Duration.ofSeconds(300));

        now = now.plusSeconds(71);
        assertEquals(1, clients.closeIdle());
        assertEquals(List.of("a1"), closed);
        assertEquals(1, clients.size());
        assertEquals("a2", clients.take("step-a", () -> client("a2")).toString());
    }

    @Test
    void anExpiredClientIsNotHandedOutEvenBeforeTheReaperRan() {
        clients.keep("step-a", client("a1"), Duration.ofSeconds(10));
        now = now.plusSeconds(11);
        assertEquals("a2", clients.take("step-a", () -> client("a2")).toString());
        assertEquals(List.of("a1"), closed);
    }

    @Test
    void releaseClosesTheStepsClientAndNothingIsLeft() {
        clients.keep("step-a", client("a1"), Duration.ofSeconds(70));
        assertTrue(clients.release("step-a"));
        assertFalse(clients.release("step-a"));
        assertEquals(List.of("a1"), closed);
        assertEquals(0, clients.size());
    }

    @Test
    void closeClosesAllAndLaterClientsAreNotKept() {
        clients.keep("step-a", client("a1"), Duration.ofSeconds(70));
        clients.keep("step-b", client("b1"), Duration.ofSeconds(70));
        clients.close();
        assertEquals(List.of("a1", "b1"), closed.stream().sorted().toList());
        clients.keep("step-c", client("c1"), Duration.ofSeconds(70));
        assertTrue(closed.contains("c1"), "a client kept after close is closed at once");
        assertThrows(IllegalStateException.class, () -> clients.take("step-a", () -> client("a2")));
    }

    @Test
    void theReaperThreadClosesAnIdleClientByItself() throws Exception {
        KeptClients reaping = new KeptClients();
        try {
            reaping.keep("step-a", client("a1"), Duration.ofMillis(50));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (reaping.size() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, reaping.size());
            synchronized (closed) {
                assertEquals(List.of("a1"), closed);
            }
        } finally {
            reaping.close();
        }
    }

    /** A client that only records being closed. */
    private FlareClient client(String name) {
        return (FlareClient) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {FlareClient.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> {
                        synchronized (closed) {
                            closed.add(name);
                        }
                        yield null;
                    }
                    case "toString" -> name;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
