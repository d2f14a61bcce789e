package io.jenkins.plugins.nvflare.client.f3;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A job folder as the server accepts it from {@code submit_job} (client/file_transfer.py push_folder):
 * signed like lighter/utils.py {@code sign_folders} — in every directory a {@code .__nvfl_sig.json}
 * mapping each file name to base64 RSA-PSS(file bytes) and each sub-directory name to
 * base64 RSA-PSS(name), plus the submitter certificate as {@code .__nvfl_submitter.crt} — and zipped
 * like zip_utils {@code _zip_directory}: paths start with the folder's name, every sub-directory has
 * an explicit entry (an empty one must survive unzipping), the folder itself has none.
 *
 * <p>Unlike the Python client this never writes into the job folder: signatures go straight into the zip.
 */
final class SignedJobZip {
    static final String SIGNATURE_FILE = ".__nvfl_sig.json";
    static final String SUBMITTER_CERT_FILE = ".__nvfl_submitter.crt";
    // Configured once here and only read afterwards, so sharing it is safe.
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final KitCredentials kit;
    private final ZipOutputStream zip;

    private SignedJobZip(KitCredentials kit, ZipOutputStream zip) {
        this.kit = kit;
        this.zip = zip;
    }

    static byte[] build(Path jobFolder, KitCredentials kit) throws IOException, GeneralSecurityException, FlareException {
        if (Files.isSymbolicLink(jobFolder) || !Files.isDirectory(jobFolder, LinkOption.NOFOLLOW_LINKS)) {
            throw FlareException.local(ErrorCodes.JOB_FOLDER_INVALID, "job folder is not a directory: " + jobFolder,
                    "Pass the job folder itself (the one holding meta.json).");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            new SignedJobZip(kit, zip).addDirectory(jobFolder, jobFolder.getFileName().toString() + "/");
        }
        return bytes.toByteArray();
    }

    private void addDirectory(Path dir, String prefix) throws IOException, GeneralSecurityException, FlareException {
        List<Path> files = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        for (Path child : sortedChildren(dir)) {
            String name = child.getFileName().toString();
            if (Files.isSymbolicLink(child)) {
                // sign_folders refuses links too: the server would verify something other than what we signed.
                throw FlareException.local(ErrorCodes.UNSAFE_PATH, "symbolic links are not allowed in job folders: " + child,
                        "Replace the link with a copy of its target.");
            }
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                dirs.add(child);
            } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)
                    && !name.equals(SIGNATURE_FILE) && !name.equals(SUBMITTER_CERT_FILE)) {
                files.add(child);
            }
        }
        Map<String, String> signatures = new LinkedHashMap<>();
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            signatures.put(name, sign(content));
            put(prefix + name, content);
        }
        for (Path sub : dirs) {
            String name = sub.getFileName().toString();
            signatures.put(name, sign(name.getBytes(StandardCharsets.UTF_8)));
        }
        put(prefix + SIGNATURE_FILE, MAPPER.writeValueAsBytes(signatures));
        put(prefix + SUBMITTER_CERT_FILE, kit.certificatePem());
        for (Path sub : dirs) {
            String subPrefix = prefix + sub.getFileName() + "/";
            zip.putNextEntry(new ZipEntry(subPrefix));
            zip.closeEntry();
            addDirectory(sub, subPrefix);
        }
    }

    private String sign(byte[] content) throws GeneralSecurityException {
        return Base64.getEncoder().encodeToString(PssSignatures.sign(kit.privateKey(), content));
    }

    private void put(String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static List<Path> sortedChildren(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        }
        children.sort(null);
        return children;
    }
}
