package dev.zerocluster.core.model;

import java.util.Base64;
import java.util.Set;

/**
 * One OpenSSH public key line: {@code <type> <base64 blob> [comment]} (sshd(8), AUTHORIZED_KEYS
 * FILE FORMAT, without options). Checked strictly because it ends up in {@code authorized_keys},
 * where a stray option or newline would grant more than a key.
 */
public record SshPublicKey(String type, String blob, String comment) {
    private static final Set<String> TYPES = Set.of("ssh-rsa", "ssh-ed25519", "ssh-dss", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
            "sk-ecdsa-sha2-nistp256@openssh.com");

    public static SshPublicKey parse(String text) {
        if (text == null || text.isBlank() || text.length() > 16 * 1024 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0 || text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not one OpenSSH public key line");
        }
        String[] parts = text.strip().split("\\s+", 3);
        if (parts.length < 2 || !TYPES.contains(parts[0])) {
            throw new IllegalArgumentException("not an OpenSSH public key (type " + (parts.length > 0 ? parts[0] : "")
                    + ")");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key's data is not base64");
        }
        // The blob starts with the type again as an SSH string (RFC 4253 §6.6).
        if (blob.length < 4 + parts[0].length()) {
            throw new IllegalArgumentException("the key's data is too short");
        }
        int len = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
        if (len != parts[0].length() || !new String(blob, 4, len, java.nio.charset.StandardCharsets.US_ASCII).equals(parts[0])) {
            throw new IllegalArgumentException("the key's data does not match its type " + parts[0]);
        }
        return new SshPublicKey(parts[0], parts[1], parts.length == 3 ? parts[2].strip() : "");
    }

    /** The key as one authorized_keys line. */
    public String line() {
        return comment.isEmpty() ? type + " " + blob : type + " " + blob + " " + comment;
    }

    /** Same key whatever its comment. */
    public boolean sameKey(SshPublicKey other) {
        return type.equals(other.type) && blob.equals(other.blob);
    }
}
