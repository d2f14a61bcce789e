package io.jenkins.plugins.nvflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The texts in {@code Messages.properties} as users read them: each is a MessageFormat pattern, so a quote must be
 * doubled and a literal brace quoted, or the text comes out mangled (or not at all).
 */
class MessagesTest {

    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)}");

    @Test
    void everyTextFormatsWithoutLeftoverQuotesOrPlaceholders() {
        ResourceBundle bundle = ResourceBundle.getBundle(ROOT_BUNDLE, Locale.ROOT);
        for (String key : Collections.list(bundle.getKeys())) {
            String pattern = bundle.getString(key);
            String unquoted = pattern.replace("''", "").replace("'{'", "").replace("'}'", "");
            assertFalse(unquoted.contains("'"), key + " has a single quote, which MessageFormat drops: " + pattern);
            int arguments = 0;
            Matcher m = ARGUMENT.matcher(pattern);
            while (m.find()) {
                arguments = Math.max(arguments, Integer.parseInt(m.group(1)) + 1);
            }
            Object[] values = new Object[arguments];
            for (int i = 0; i < arguments; i++) {
                values[i] = "<" + i + ">";
            }
            String text = new MessageFormat(pattern, Locale.ROOT).format(values);
            assertFalse(text.contains("''"), key + ": " + text);
            assertFalse(ARGUMENT.matcher(text).find(), key + ": " + text);
            for (int i = 0; i < arguments; i++) {
                assertTrue(text.contains("<" + i + ">"), key + " drops argument " + i + ": " + text);
            }
        }
    }

    @Test
    void quotesAndBracesComeOutAsWritten() {
        assertEquals(
                "NVIDIA FLARE steps need a workspace: run them inside node { ... }.",
                Messages.FlareOperations_noWorkspace());
        assertEquals(
                "Give the step a longer timeout (seconds), or check the FLARE server's load.",
                Messages.ProgressPrinter_timeoutHint());
        assertEquals(
                "[FLARE] x; stopped following FLARE job j, which keeps running. Follow it again with flareWait jobId: 'j'.",
                Messages.FollowExecution_stoppedFollowing("x", "j"));
        assertEquals(
                "The agent stayed offline for more than 15 min (Manage Jenkins \u203a System \u203a NVIDIA FLARE)",
                Messages.FollowExecution_offlineTooLong("15"));
    }

    private static final String ROOT_BUNDLE = "io.jenkins.plugins.nvflare.Messages";
}
