package io.jenkins.plugins.nvflare.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Broken meta.json files as a user writes them: the message names the place, not the parser's internals. */
class JsonProblemsTest {
    private static String problem(String json) {
        return JsonProblems.describe(
                assertThrows(JsonProcessingException.class, () -> new ObjectMapper().readTree(json)));
    }

    @Test
    void anUnclosedObjectSaysSoWithoutTheParsersSourceDescription() {
        // Jackson's own text: "Unexpected end-of-input: expected close marker for Object (start marker at [Source:
        // REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])"
        assertEquals(
                "is not valid JSON: it ends before the JSON value is complete (line 1, column 64)",
                problem("{\"name\": \"x\", \"min_clients\": 2, \"deploy_map\": {\"app\": [\"@ALL\"]}"));
    }

    @Test
    void aStrayCharacterIsNamedWithoutItsCharacterCode() {
        assertEquals(
                "is not valid JSON: unexpected character ',': was expecting double-quote to start field name"
                        + " (line 2, column 19)",
                problem("{\"name\": \"x\",\n \"min_clients\": 2,, }"));
    }
}
