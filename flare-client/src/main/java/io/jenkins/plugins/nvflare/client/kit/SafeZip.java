package io.jenkins.plugins.nvflare.client.kit;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.PathParts;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
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
 * refused, and entry count and total size are capped (zip bombs). Used for startup kits (small, in
 * memory) and for job downloads (files on disk, larger caps; see {@link Policy}).
 * Zip64 archives (over 4 GiB or 65535 entries) are refused as damaged.
 */
public final class SafeZip {

    static final int MAX_ENTRIES = 2_000;
    static final long MAX_TOTAL_BYTES = 64L * 1024 * 1024;

    private static final int S_IFMT = 0170000;
    private static final int S_IFLNK = 0120000;
    private static final int EOCD_SIZE = 22;

    static final String ZIP_HINT = "Store the admin kit folder (the one holding startup/fed_admin.json) as a zip, "
            + "e.g. 'cd prod_00 && zip -r admin.zip admin@nvidia.com'.";

    /**
     * How one kind of archive is treated.
     *
     * @param label how messages name the archive, e.g. "kit zip"
     * @param invalidCode error code for a file that is not a readable zip
     * @param invalidHint hint for that error
     * @param unsafeHint hint for UNSAFE_PATH errors (escaping entries, links, bombs)
     * @param maxEntries most entries accepted
     * @param maxTotalBytes most uncompressed bytes accepted
     * @param requireEntries whether an archive without entries is an error
     */
    public record Policy(
            String label,
            String invalidCode,
            String invalidHint,
            String unsafeHint,
            int maxEntries,
            long maxTotalBytes,
            boolean requireEntries) {}

    static final Policy KIT = new Policy(
            "kit zip",
            ErrorCodes.KIT_INVALID,
            ZIP_HINT,
            "Rebuild the kit zip from the provisioned admin kit folder.",
            MAX_ENTRIES,
            MAX_TOTAL_BYTES,
            true);

    private SafeZip() {}

    /** Extracts the startup kit {@code zip} into the existing directory {@code target}. */
    static void extract(byte[] zip, Path target) throws FlareException, IOException {
        Set<String> symlinks = symlinkEntries(new ByteArrayAt(zip), KIT);
        extract(new ByteArrayInputStream(zip), symlinks, target, KIT);
    }

    /** Extracts the zip file {@code zipFile} into the existing directory {@code target}. */
    public static void extract(Path zipFile, Path target, Policy policy) throws FlareException, IOException {
        Set<String> symlinks;
        try (RandomAccessFile file = new RandomAccessFile(zipFile.toFile(), "r")) {
            symlinks = symlinkEntries(new FileAt(file), policy);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(zipFile))) {
            extract(in, symlinks, target, policy);
        }
    }

    private static void extract(InputStream source, Set<String> symlinks, Path target, Policy policy)
            throws FlareException, IOException {
        Path root = target.toAbsolutePath().normalize();
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[8192];
        try (ZipInputStream in = new ZipInputStream(source, StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (++entries > policy.maxEntries()) {
                    throw unsafe(
                            policy, "The " + policy.label() + " has more than " + policy.maxEntries() + " entries.");
                }
                String name = entry.getName();
                if (symlinks.contains(name)) {
                    throw unsafe(policy, "The " + policy.label() + " contains a symbolic link (" + name + ").");
                }
                Path out = resolveInside(root, name, policy);
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(PathParts.folder(out));
                try (OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        total += n;
                        if (total > policy.maxTotalBytes()) {
                            throw unsafe(
                                    policy,
                                    "The " + policy.label() + " expands to more than "
                                            + policy.maxTotalBytes() / (1024 * 1024) + " MiB.");
                        }
                        os.write(buffer, 0, n);
                    }
                }
            }
        } catch (ZipException e) {
            throw invalid(policy, "The " + policy.label() + " is not a valid zip: " + e.getMessage());
        }
        if (entries == 0 && policy.requireEntries()) {
            throw invalid(policy, "The " + policy.label() + " is empty or not a zip.");
        }
    }

    private static Path resolveInside(Path root, String name, Policy policy) throws FlareException {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")) {
            throw unsafe(policy, "The " + policy.label() + " has an entry with an absolute or unusual path: " + name);
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw unsafe(policy, "The " + policy.label() + " has an entry that leaves its folder: " + name);
            }
        }
        Path out = root.resolve(name).normalize();
        if (!out.startsWith(root) || out.equals(root)) {
            throw unsafe(policy, "The " + policy.label() + " has an entry that leaves its folder: " + name);
        }
        return out;
    }

    /** Random access to the archive bytes, so the central directory can be read without loading a large file. */
    private interface ReadAt {
        long length() throws IOException;

        byte[] read(long offset, int length) throws IOException;
    }

    private record ByteArrayAt(byte[] bytes) implements ReadAt {
        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public byte[] read(long offset, int length) {
            byte[] out = new byte[length];
            System.arraycopy(bytes, (int) offset, out, 0, length);
            return out;
        }
    }

    private record FileAt(RandomAccessFile file) implements ReadAt {
        @Override
        public long length() throws IOException {
            return file.length();
        }

        @Override
        public byte[] read(long offset, int length) throws IOException {
            byte[] out = new byte[length];
            file.seek(offset);
            file.readFully(out);
            return out;
        }
    }

    /**
     * ZipInputStream hides the Unix mode, so the central directory is read for it: entries whose
     * external attributes mark a symbolic link.
     */
    private static Set<String> symlinkEntries(ReadAt zip, Policy policy) throws FlareException, IOException {
        long length = zip.length();
        int tailLength = (int) Math.min(length, EOCD_SIZE + 65_535);
        byte[] tailBytes = zip.read(length - tailLength, tailLength);
        ByteBuffer tail = ByteBuffer.wrap(tailBytes).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = -1;
        for (int i = tailLength - EOCD_SIZE; i >= 0; i--) {
            if (tail.getInt(i) == 0x06054b50) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw invalid(policy, "The " + policy.label() + " is not a zip file.");
        }
        int count = Short.toUnsignedInt(tail.getShort(eocd + 10));
        long size = Integer.toUnsignedLong(tail.getInt(eocd + 12));
        long offset = Integer.toUnsignedLong(tail.getInt(eocd + 16));
        if (offset + size > length - tailLength + eocd || size > Integer.MAX_VALUE) {
            throw damaged(policy);
        }
        ByteBuffer dir = ByteBuffer.wrap(zip.read(offset, (int) size)).order(ByteOrder.LITTLE_ENDIAN);
        Set<String> links = new HashSet<>();
        int pos = 0;
        for (int i = 0; i < count; i++) {
            if (pos + 46 > dir.capacity() || dir.getInt(pos) != 0x02014b50) {
                throw damaged(policy);
            }
            int nameLength = Short.toUnsignedInt(dir.getShort(pos + 28));
            int extraLength = Short.toUnsignedInt(dir.getShort(pos + 30));
            int commentLength = Short.toUnsignedInt(dir.getShort(pos + 32));
            int externalAttributes = dir.getInt(pos + 38);
            if (pos + 46 + nameLength > dir.capacity()) {
                throw damaged(policy);
            }
            if (((externalAttributes >>> 16) & S_IFMT) == S_IFLNK) {
                links.add(new String(dir.array(), pos + 46, nameLength, StandardCharsets.UTF_8));
            }
            pos += 46 + nameLength + extraLength + commentLength;
        }
        return links;
    }

    private static FlareException damaged(Policy policy) {
        return invalid(policy, "The " + policy.label() + "'s directory is damaged.");
    }

    private static FlareException invalid(Policy policy, String message) {
        return FlareException.local(policy.invalidCode(), message, policy.invalidHint());
    }

    private static FlareException unsafe(Policy policy, String message) {
        return FlareException.local(ErrorCodes.UNSAFE_PATH, message, policy.unsafeHint());
    }
}
