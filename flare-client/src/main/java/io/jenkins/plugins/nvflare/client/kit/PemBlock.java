package io.jenkins.plugins.nvflare.client.kit;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code -----BEGIN label-----} ... {@code -----END label-----} block of a PEM file, base64 decoded. */
record PemBlock(String label, boolean encrypted, byte[] der) {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\R(.*?)-----END \\1-----", Pattern.DOTALL);

    PemBlock {
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    /**
     * All blocks in order. RFC 1421 style headers ("Proc-Type: 4,ENCRYPTED", "DEK-Info: ...") are
     * skipped but remembered, because an encrypted legacy key must be refused, not mis-decoded.
     *
     * @throws IllegalArgumentException when a block's body is not base64
     */
    static List<PemBlock> parse(String text) {
        List<PemBlock> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            StringBuilder body = new StringBuilder();
            boolean encrypted = m.group(1).contains("ENCRYPTED");
            for (String line : m.group(2).split("\\R")) {
                if (line.contains(":")) {
                    encrypted |= line.startsWith("Proc-Type:") && line.contains("ENCRYPTED");
                } else {
                    body.append(line.strip());
                }
            }
            blocks.add(new PemBlock(m.group(1), encrypted, Base64.getDecoder().decode(body.toString())));
        }
        return blocks;
    }
}
