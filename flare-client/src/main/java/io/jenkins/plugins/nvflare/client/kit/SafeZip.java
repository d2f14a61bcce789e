package io.jenkins.plugins.nvflare.client.kit;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Extracts an untrusted zip: no entry may land outside the target (zip-slip), symbolic links are
 * refused, and entry count and total size are capped (zip bombs). A startup kit is a handful of
 * small files, so the caps are far above any real kit.
 */
final class SafeZip {

    static final int MAX_ENTRIES = 2_000;
    static final long MAX_TOTAL_BYTES = 64L * 1024 * 1024;

    private static final int S_IFMT = 0170000;
    private static final int S_IFLNK = 0120000;

    private SafeZip() {}

    /** Extracts {@code zip} into the existing directory {@code target}. */
    static void extract(byte[] zip, Path target) throws FlareException, IOException {
        Set<String> symlinks = symlinkEntries(zip);
        Path root = target.toAbsolutePath().normalize();
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[8192];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw unsafe("The kit zip has more than " + MAX_ENTRIES + " entries.");
                }
                String name = entry.getName();
                if (symlinks.contains(name)) {
                    throw unsafe("The kit zip contains a symbolic link (" + name + "); a startup kit has none.");
                }
                Path out = resolveInside(root, name);
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        total += n;
                        if (total > MAX_TOTAL_BYTES) {
                            throw unsafe("The kit zip expands to more than " + MAX_TOTAL_BYTES / (1024 * 1024) + " MiB.");
                        }
                        os.write(buffer, 0, n);
                    }
                }
            }
        } catch (ZipException e) {
            throw FlareException.local(ErrorCodes.KIT_INVALID, "The startup kit is not a valid zip: " + e.getMessage(), ZIP_HINT);
        }
        if (entries == 0) {
            throw FlareException.local(ErrorCodes.KIT_INVALID, "The startup kit zip is empty or not a zip.", ZIP_HINT);
        }
    }

    static final String ZIP_HINT = "Store the admin kit folder (the one holding startup/fed_admin.json) as a zip, "
            + "e.g. 'cd prod_00 && zip -r admin.zip admin@nvidia.com'.";

    private static Path resolveInside(Path root, String name) throws FlareException {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")) {
            throw unsafe("The kit zip has an entry with an absolute or unusual path: " + name);
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw unsafe("The kit zip has an entry that leaves its folder: " + name);
            }
        }
        Path out = root.resolve(name).normalize();
        if (!out.startsWith(root) || out.equals(root)) {
            throw unsafe("The kit zip has an entry that leaves its folder: " + name);
        }
        return out;
    }

    /**
     * ZipInputStream hides the Unix mode, so the central directory is read for it: entries whose
     * external attributes mark a symbolic link.
     */
    static Set<String> symlinkEntries(byte[] zip) throws FlareException {
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = -1;
        for (int i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
            if (buf.getInt(i) == 0x06054b50) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw FlareException.local(ErrorCodes.KIT_INVALID, "The startup kit is not a zip file.", ZIP_HINT);
        }
        int count = Short.toUnsignedInt(buf.getShort(eocd + 10));
        long offset = Integer.toUnsignedLong(buf.getInt(eocd + 16));
        Set<String> links = new HashSet<>();
        int pos = (int) Math.min(offset, Integer.MAX_VALUE);
        for (int i = 0; i < count; i++) {
            if (pos < 0 || pos + 46 > zip.length || buf.getInt(pos) != 0x02014b50) {
                throw FlareException.local(ErrorCodes.KIT_INVALID, "The startup kit zip's directory is damaged.", ZIP_HINT);
            }
            int nameLength = Short.toUnsignedInt(buf.getShort(pos + 28));
            int extraLength = Short.toUnsignedInt(buf.getShort(pos + 30));
            int commentLength = Short.toUnsignedInt(buf.getShort(pos + 32));
            int externalAttributes = buf.getInt(pos + 38);
            if (pos + 46 + nameLength > zip.length) {
                throw FlareException.local(ErrorCodes.KIT_INVALID, "The startup kit zip's directory is damaged.", ZIP_HINT);
            }
            if (((externalAttributes >>> 16) & S_IFMT) == S_IFLNK) {
                links.add(new String(zip, pos + 46, nameLength, StandardCharsets.UTF_8));
            }
            pos += 46 + nameLength + extraLength + commentLength;
        }
        return links;
    }

    private static FlareException unsafe(String message) {
        return FlareException.local(ErrorCodes.UNSAFE_PATH, message, "Rebuild the kit zip from the provisioned admin kit folder.");
    }
}
