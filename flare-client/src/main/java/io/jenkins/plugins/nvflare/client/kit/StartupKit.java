package io.jenkins.plugins.nvflare.client.kit;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Admin startup kits: {@link #inspect} checks a kit folder, {@link #materialize} turns a kit zip
 * (as kept in a credential) into a private folder for one step, {@link #useDirectory} wraps a
 * kit folder that already exists on the machine.
 *
 * <p>Every one of them checks the kit the same way: {@code startup/} holds {@code fed_admin.json}
 * with a server address, {@code client.crt}, {@code client.key} and {@code rootCA.pem};
 * {@code client.crt} is an admin's certificate (by the role NVFlare writes into it, so a site's or
 * the server's is refused); and {@code client.key} belongs to {@code client.crt}. Each problem carries
 * the error code and exit code {@code nvflare job} gives the same kit ({@link KitReader}); only what the CLI
 * never sees, the credential's zip, has local codes (KIT_INVALID, UNSAFE_PATH).
 */
public final class StartupKit {

    private StartupKit() {}

    /**
     * Validates an admin kit folder and reads it.
     *
     * @throws FlareException the code and exit code the CLI gives the same kit ({@link KitReader}):
     *     STARTUP_KIT_MISSING, CONNECTION_FAILED or AUTH_FAILED (exit 2), INTERNAL_ERROR (exit 5), naming what
     *     is wrong
     */
    public static AdminKitInfo inspect(Path kitDir) throws FlareException {
        if (kitDir == null || !Files.exists(kitDir)) {
            // kit_config.py _as_existing_dir
            throw KitReader.kitMissing("startup kit path does not exist: " + kitDir);
        }
        if (!Files.isDirectory(kitDir)) {
            throw KitReader.kitMissing("path is not a valid startup kit: " + kitDir + " (not a folder)");
        }
        return KitReader.read(kitDir);
    }

    /**
     * Extracts a kit zip (kit at the zip's root or in its single top folder) into a fresh private
     * folder under {@code tempParent} (the system temp folder if null), folders 0700 and files
     * 0600, and validates it. Whatever goes wrong, nothing is left on disk.
     *
     * @throws FlareException {@link ErrorCodes#KIT_INVALID} for a zip that cannot be unpacked,
     *     {@link ErrorCodes#UNSAFE_PATH} for a malicious zip, the CLI's codes for the kit in it ({@link #inspect}),
     *     and {@link ErrorCodes#CONNECTION_FAILED} (exit 2) for an expired admin certificate, which the FLARE
     *     server's TLS refuses
     */
    public static MaterializedKit materialize(byte[] kitZip, Path tempParent, Instant now) throws FlareException {
        if (kitZip == null || kitZip.length == 0) {
            throw FlareException.local(ErrorCodes.KIT_INVALID, "The startup kit is empty.", SafeZip.ZIP_HINT);
        }
        Path parent = tempParent != null ? tempParent : Path.of(System.getProperty("java.io.tmpdir"));
        Path dir;
        try {
            dir = PrivateFiles.createPrivateDirectory(parent, "nvflare-kit");
        } catch (IOException e) {
            throw FlareException.local(
                    ErrorCodes.KIT_INVALID,
                    "Could not create a private folder for the startup kit under " + parent + ": " + e,
                    "Check that the agent can write to its temporary folder.");
        }
        boolean done = false;
        try {
            SafeZip.extract(kitZip, dir);
            PrivateFiles.restrict(dir);
            Path kitDir = kitRoot(dir);
            MaterializedKit kit = open(kitDir, dir, now);
            done = true;
            return kit;
        } catch (IOException e) {
            throw FlareException.local(
                    ErrorCodes.KIT_INVALID, "Could not unpack the startup kit: " + e, SafeZip.ZIP_HINT);
        } finally {
            if (!done) {
                PrivateFiles.deleteQuietly(dir);
            }
        }
    }

    /**
     * Validates a kit zip and reads it without keeping anything on disk; unlike {@link #materialize}
     * an expired certificate is reported through {@link AdminKitInfo#certStatus} rather than thrown,
     * so a credential can be stored and show its expiry.
     */
    public static AdminKitInfo inspectZip(byte[] kitZip, Path tempParent) throws FlareException {
        try (MaterializedKit kit = materialize(kitZip, tempParent, Instant.EPOCH)) {
            return kit.info();
        }
    }

    /** Validates a kit folder that exists on this machine; closing the result leaves it in place. */
    public static MaterializedKit useDirectory(Path kitDir, Instant now) throws FlareException {
        inspect(kitDir);
        return open(kitDir, null, now);
    }

    private static MaterializedKit open(Path kitDir, Path ownedDir, Instant now) throws FlareException {
        AdminKitInfo info = KitReader.read(kitDir);
        List<String> warnings = new ArrayList<>();
        switch (info.certStatus(now)) {
            // The CLI sends it anyway and the server's TLS refuses it: the connection never comes up.
            case EXPIRED ->
                throw new FlareException(
                        ErrorCodes.CONNECTION_FAILED,
                        "The admin certificate of " + info.username() + " expired on " + info.certNotAfter()
                                + "; the FLARE server refuses connections with it.",
                        "Ask the FLARE project admin for a newly provisioned admin startup kit and update the credential.",
                        ExitCodes.CONNECTION_OR_KIT,
                        null);
            case EXPIRING_SOON ->
                warnings.add("The admin certificate of " + info.username() + " expires in " + info.daysUntilExpiry(now)
                        + " days (" + info.certNotAfter() + "); get a new startup kit soon.");
            case VALID -> {}
        }
        return new MaterializedKit(kitDir, ownedDir, info, warnings);
    }

    /** The zip's root, or its single top folder (zips of "admin@nvidia.com/"), ignoring macOS metadata. */
    private static Path kitRoot(Path dir) throws IOException, FlareException {
        if (Files.isDirectory(dir.resolve("startup"))) {
            return dir;
        }
        List<Path> tops;
        try (Stream<Path> children = Files.list(dir)) {
            tops = children.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().equals("__MACOSX"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .toList();
        }
        if (tops.size() == 1 && Files.isDirectory(tops.get(0).resolve("startup"))) {
            return tops.get(0);
        }
        throw KitReader.kitMissing("path is not a valid startup kit: the zip has no startup/ folder at its root or in"
                + " a single top folder");
    }
}
