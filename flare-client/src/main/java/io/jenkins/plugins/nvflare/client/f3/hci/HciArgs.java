package io.jenkins.plugins.nvflare.client.f3.hci;

import java.util.List;

/** Builds hci command lines the way nvflare/fuel/hci/cmd_arg_utils.py join_args does (cmd_arg_utils.py:70-83). */
public final class HciArgs {
    private HciArgs() {}

    /** Joins with single spaces; an argument with whitespace, a quote or a backslash is quoted and escaped. */
    public static String join(List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            boolean quote = a.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\\');
            sb.append(quote ? '"' + a.replace("\\", "\\\\").replace("\"", "\\\"") + '"' : a);
        }
        return sb.toString();
    }
}
