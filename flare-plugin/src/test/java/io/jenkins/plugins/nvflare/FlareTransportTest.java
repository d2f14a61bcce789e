package io.jenkins.plugins.nvflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import hudson.AbortException;
import org.junit.jupiter.api.Test;

/** Reading and storing the {@code transport} option (no Jenkins needed). */
class FlareTransportTest {

    @Test
    void knownValuesInAnySpellingAreStoredCanonically() {
        assertEquals("native", FlareTransport.normalize(" NATIVE "));
        assertEquals("cli", FlareTransport.normalize("Cli"));
        assertNull(FlareTransport.normalize("  "));
        assertEquals("${FLARE_TRANSPORT}", FlareTransport.normalize("${FLARE_TRANSPORT}"));
    }

    @Test
    void parseAcceptsTheTwoTransportsAndRefusesOthers() throws Exception {
        assertEquals(FlareTransport.NATIVE, FlareTransport.parse("native"));
        assertEquals(FlareTransport.CLI, FlareTransport.parse(" CLI"));
        assertNull(FlareTransport.parse(null));
        AbortException e = assertThrows(AbortException.class, () -> FlareTransport.parse("grpc"));
        assertEquals("[FLARE] Unknown transport 'grpc': use 'cli' or 'native'.", e.getMessage());
    }

    @Test
    void theDropdownOffersTheGlobalDefaultFirstWhenAsked() {
        assertEquals("", FlareTransport.items("Global default").get(0).value);
        assertEquals("cli", FlareTransport.items(null).get(0).value);
        assertEquals(3, FlareTransport.items("Global default").size());
    }
}
