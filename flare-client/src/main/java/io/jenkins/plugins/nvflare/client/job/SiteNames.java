package io.jenkins.plugins.nvflare.client.job;

import java.util.regex.Pattern;

/**
 * The site of a logs, stats or log-config request: {@code server}, {@code all}, or a client site's name as FLARE's
 * provisioning allows it (nvflare/apis/utils/format_check.py, {@code client}: letters, digits, {@code -} and
 * {@code _}): the forms refuse, and the agent calls refuse before anything is sent, a name no FLARE site can have,
 * e.g. {@code site 1}.
 */
public final class SiteNames {

    /** FLARE's client-name pattern. */
    public static final Pattern CLIENT_NAME = Pattern.compile("^[A-Za-z0-9_-]+$");

    private SiteNames() {}

    /** Whether {@code site} can name a target: {@code server}, {@code all} or a possible client name. */
    public static boolean valid(String site) {
        return site != null && CLIENT_NAME.matcher(site).matches();
    }
}
