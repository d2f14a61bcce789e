package io.jenkins.plugins.nvflare.client.kit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.JsonProblems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Validates an admin kit folder and reads {@link AdminKitInfo} from it. Each problem carries the error code and
 * exit code {@code nvflare job <op> --startup-kit <dir>} gives the same kit, found in the same order as the CLI
 * meets it, with a message that says more:
 * <ol>
 *   <li>not an admin kit (kit_config.py {@code classify_startup_kit}: {@code startup/fed_admin.json},
 *       {@code client.crt} and {@code rootCA.pem}; {@code validate_admin_startup_kit} names site and server kits),
 *       or an unreadable {@code fed_admin.json} ({@code resolve_admin_user_and_dir_from_startup_kit}):
 *       {@code STARTUP_KIT_MISSING}, exit 2 (job_cli.py {@code _get_session} turns their ValueError into it);</li>
 *   <li>no {@code admin} section: {@code INTERNAL_ERROR}, exit 5 (flare_api.py {@code Session}'s ConfigError
 *       "Missing admin section in fed_admin configuration." reaches nvflare/cli.py's global handler);</li>
 *   <li>no usable server address, or TLS material the connection cannot use ({@code client.key} missing,
 *       unreadable or not the key of {@code client.crt}, an unreadable {@code client.crt}): {@code CONNECTION_FAILED},
 *       exit 2 — the CLI's connection never comes up (authenticator.py "cannot connect to server for N
 *       seconds"); the captures README notes a cert/key mismatch surfacing that way;</li>
 *   <li>a certificate that is not an admin's (no CN, no role, or a site's or the server's role):
 *       {@code AUTH_FAILED}, exit 2 — the server refuses the login (login.py {@code handle_cert_login}) or every
 *       command of a user without an admin role (authz.py {@code AuthzFilter}).</li>
 * </ol>
 */
final class KitReader {

    /** kit_config.py ADMIN_STARTUP_KIT_REQUIRED_FILES: what makes a folder an admin kit for the CLI. */
    static final List<String> REQUIRED = List.of("startup/fed_admin.json", "startup/client.crt", "startup/rootCA.pem");

    /** PKCS#9 unstructuredName: where FLARE's provisioning puts the participant's role. */
    private static final String ROLE_OID = "1.2.840.113549.1.9.2";

    /** FLARE's built-in admin roles ({@code nvflare/lighter/constants.py AdminRole}), for messages. */
    private static final String ADMIN_ROLES = "project_admin, org_admin, lead or member";

    /**
     * FLARE's participant types other than admin ({@code nvflare/lighter/constants.py ParticipantType}):
     * {@code nvflare cert} writes {@code client} and {@code server} as the role of a site's and the
     * server's certificate.
     */
    private static final Set<String> NON_ADMIN_ROLES = Set.of("client", "server", "relay", "overseer");

    private static final String HINT = "Use the admin startup kit FLARE provisioned for a user (prod_NN/<email>/), "
            + "not a server or site kit; it holds startup/fed_admin.json, client.crt, client.key and rootCA.pem.";

    /** cli_errors.py STARTUP_KIT_MISSING. */
    static final String KIT_MISSING_MESSAGE = "Startup kit not found.";

    private KitReader() {}

    static AdminKitInfo read(Path kitDir) throws FlareException {
        List<String> missing = new ArrayList<>();
        for (String file : REQUIRED) {
            if (!Files.isRegularFile(kitDir.resolve(file))) {
                missing.add(file);
            }
        }
        if (!missing.isEmpty()) {
            String kind = kind(kitDir);
            String cli = kind == null ? "path is not a valid startup kit: " : "path is not an admin startup kit: ";
            throw kitMissing(cli + kitDir + " (" + (kind == null ? "" : kind + "; ") + "missing "
                    + String.join(", ", missing) + ")");
        }
        JsonNode admin = readAdminConfig(kitDir.resolve("startup/fed_admin.json"));
        String host = admin.path("host").asText("");
        int port = admin.path("port").asInt(0);
        if (host.isEmpty() || port <= 0 || port > 65_535) {
            throw cannotConnect("startup/fed_admin.json has no valid admin.host / admin.port, so there is no server to "
                    + "connect to.");
        }
        // TLS needs the certificate, the key and that they belong together before any login.
        X509Certificate cert = readCertificate(kitDir.resolve("startup/client.crt"));
        if (!Files.isRegularFile(kitDir.resolve("startup/client.key"))) {
            throw cannotConnect("startup/client.key is missing, so TLS with the server cannot be set up.");
        }
        PrivateKey key = KitPem.privateKey(readText(kitDir, "startup/client.key"), "startup/client.key");
        KitPem.requireMatchingPair(key, cert);
        Subject subject = Subject.of(cert.getSubjectX500Principal());
        requireAdminRole(subject);
        return new AdminKitInfo(
                subject.cn(),
                subject.org(),
                subject.role(),
                admin.path("project_name").asText(null),
                admin.path("server_identity").asText(null),
                admin.path("scheme").asText("grpc"),
                host,
                port,
                cert.getNotAfter().toInstant(),
                // api.py: absent means mutual TLS; lighter writes mtls, tls or clear
                admin.path("connection_security").asText(AdminKitInfo.DEFAULT_CONNECTION_SECURITY));
    }

    /**
     * Refuses a certificate that is not an admin's. NVFlare writes the participant's role into the
     * certificate subject as {@code unstructuredName} ({@code nvflare/lighter/utils.py x509_name}):
     * <ul>
     *   <li>{@code nvflare provision} ({@code lighter/impl/cert.py get_pri_key_cert}) gives each admin
     *       the role project.yml must name for it: project_admin, org_admin, lead, member, or a custom
     *       role of the project's authorization policy (lighter only warns, and FLARE's login does not
     *       restrict roles to a built-in list, {@code fuel/sec/admin_cert.py}), so any role other than a
     *       participant type is accepted. Sites, the server and relays get no role.</li>
     *   <li>{@code nvflare cert} ({@code tool/cert/cert_commands.py}) writes {@code client} for a site and
     *       {@code server} for the server.</li>
     * </ul>
     * A certificate <em>without</em> a role is refused as well. Since NVFlare 2.2 (2022) every way FLARE
     * provisions an admin (lighter, the dashboard, {@code nvflare cert}) writes the role, so a certificate
     * without one is a site's, the server's or a relay's from {@code nvflare provision}: the very mix-up
     * this check is for. FLARE's authorization ({@code fuel/sec/authz.py}, on in every provisioned
     * deployment) gives an empty role no rights, so such a kit could log in but every job command would
     * fail at build time; refusing it when the credential is saved is the safer answer.
     * Roles are compared as that authorization compares them: lower case, spaces collapsed. The code is the
     * CLI's for such a kit: AUTH_FAILED, exit 2 (the login or every command is refused).
     */
    private static void requireAdminRole(Subject subject) throws FlareException {
        String role = subject.role() == null
                ? ""
                : subject.role().strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (role.isEmpty()) {
            throw notAdmin("The certificate in startup/client.crt (" + subject.cn() + ") has no role, so it is not an "
                    + "admin's: NVFlare writes the user's role (" + ADMIN_ROLES + ") into every admin certificate, "
                    + "and a site's, the server's or a relay's certificate from nvflare provision has none.");
        }
        if (NON_ADMIN_ROLES.contains(role)) {
            throw notAdmin("The certificate in startup/client.crt is " + subject.cn() + "'s (role " + subject.role()
                    + "), not an admin's (" + ADMIN_ROLES + "): a site's or the server's certificate cannot run "
                    + "job commands, even in a kit with startup/fed_admin.json.");
        }
    }

    private static String readText(Path kitDir, String file) throws FlareException {
        try {
            return Files.readString(kitDir.resolve(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw cannotConnect("Cannot read " + file + ": " + e.getMessage());
        }
    }

    /** kit_config.py classify_startup_kit: a site's or the server's kit, or null. */
    private static String kind(Path kitDir) {
        if (Files.isRegularFile(kitDir.resolve("startup/fed_client.json"))) {
            return "it is a site (client) startup kit: startup/fed_client.json";
        }
        if (Files.isRegularFile(kitDir.resolve("startup/fed_server.json"))) {
            return "it is a server startup kit: startup/fed_server.json";
        }
        return null;
    }

    private static JsonNode readAdminConfig(Path file) throws FlareException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            // json.load's JSONDecodeError is a ValueError: STARTUP_KIT_MISSING
            throw kitMissing("startup/fed_admin.json " + JsonProblems.describe(e));
        } catch (IOException e) {
            throw kitMissing("startup/fed_admin.json cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw kitMissing("startup/fed_admin.json is not valid JSON: it is empty");
        }
        JsonNode admin = root.get("admin");
        if (admin == null || !admin.isObject()) {
            throw new FlareException(
                    ErrorCodes.INTERNAL_ERROR,
                    "startup/fed_admin.json has no \"admin\" section "
                            + "(nvflare stops with \"Missing admin section in fed_admin configuration.\").",
                    HINT,
                    ExitCodes.INTERNAL_ERROR,
                    null);
        }
        return admin;
    }

    private static X509Certificate readCertificate(Path file) throws FlareException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException | ClassCastException e) {
            throw cannotConnect(
                    "startup/client.crt is not a PEM X.509 certificate, so TLS with the server cannot be " + "set up.");
        }
    }

    /** STARTUP_KIT_MISSING, exit 2, with the CLI's message before the detail. */
    static FlareException kitMissing(String detail) {
        return new FlareException(
                ErrorCodes.STARTUP_KIT_MISSING,
                KIT_MISSING_MESSAGE + " \u2014 " + detail,
                HINT,
                ExitCodes.CONNECTION_OR_KIT,
                null);
    }

    private static FlareException cannotConnect(String message) {
        return new FlareException(ErrorCodes.CONNECTION_FAILED, message, HINT, ExitCodes.CONNECTION_OR_KIT, null);
    }

    private static FlareException notAdmin(String message) {
        return new FlareException(ErrorCodes.AUTH_FAILED, message, HINT, ExitCodes.CONNECTION_OR_KIT, null);
    }

    /** The subject fields FLARE provisions: CN (user), O (org), unstructuredName (role). */
    private record Subject(String cn, String org, String role) {
        static Subject of(X500Principal principal) throws FlareException {
            String cn = null;
            String org = null;
            String role = null;
            try {
                for (Rdn rdn : new LdapName(principal.getName(X500Principal.RFC2253)).getRdns()) {
                    String type = rdn.getType();
                    if (type.equalsIgnoreCase("CN")) {
                        cn = text(rdn.getValue());
                    } else if (type.equalsIgnoreCase("O")) {
                        org = text(rdn.getValue());
                    } else if (type.equals(ROLE_OID) || type.equalsIgnoreCase("OID." + ROLE_OID)) {
                        role = text(rdn.getValue());
                    }
                }
            } catch (InvalidNameException e) {
                throw notAdmin("startup/client.crt has an unreadable subject, so the server cannot log its user in.");
            }
            if (cn == null || cn.isEmpty()) {
                // admin_cert.py validate_admin_leaf_cert: "admin certificate missing subject commonName"
                throw notAdmin("startup/client.crt has no CN (FLARE's user name), so the server refuses the login.");
            }
            return new Subject(cn, org, role);
        }

        /** RFC 2253 writes attributes without a keyword as {@code #<DER hex>}; LdapName hands those over as bytes. */
        private static String text(Object value) {
            if (value instanceof byte[] der && der.length >= 2 && (der[1] & 0x80) == 0 && der[1] == der.length - 2) {
                return new String(der, 2, der.length - 2, StandardCharsets.UTF_8);
            }
            return String.valueOf(value);
        }
    }
}
