package io.jenkins.plugins.nvflare.client.f3;

import java.util.List;

/** nvflare/fuel/hci/cmd_arg_utils.py:70 join_args: the server splits command lines with shlex. */
final class HciArgs {
    private HciArgs() {}

    static String join(List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            boolean quote = a.chars().anyMatch(Character::isWhitespace) || a.contains("\"") || a.contains("\\");
            sb.append(quote ? '"' + a.replace("\\", "\\\\").replace("\"", "\\\"") + '"' : a);
        }
        return sb.toString();
    }
}
