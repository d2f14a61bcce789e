package io.jenkins.plugins.nvflare.client.f3.cell;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The per-session cell name of an admin client, {@code _admin_<uuid4>}
 * (nvflare/fuel/utils/admin_name_utils.py). The server only lets such names in through its admin
 * listener and binds the session to the certificate CN instead of the name.
 */
public final class AdminCellName {
    static final String PREFIX = "_admin_";
    /** 32 lowercase hex digits, version nibble 4, RFC 4122 variant: what Python's check accepts once dashes are dropped. */
    private static final Pattern UUID4_HEX = Pattern.compile("[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}");

    private AdminCellName() {}

    static String of(UUID uuid) {
        if (uuid.version() != 4 || uuid.variant() != 2) {
            throw new IllegalArgumentException("admin cell names need a random (version 4) UUID, got " + uuid);
        }
        return PREFIX + uuid;
    }

    public static String random() {
        return of(UUID.randomUUID());
    }

    /**
     * Mirrors {@code is_valid_admin_client_name}: Python parses the rest with {@code uuid.UUID(data, version=4)}
     * and then requires {@code val.hex == data.replace("-", "")}, so dashes may sit anywhere but the hex
     * must be lowercase and already a valid version-4 UUID.
     */
    public static boolean isValid(String name) {
        if (name == null || !name.startsWith(PREFIX)) {
            return false;
        }
        return UUID4_HEX
                .matcher(name.substring(PREFIX.length()).replace("-", ""))
                .matches();
    }
}
