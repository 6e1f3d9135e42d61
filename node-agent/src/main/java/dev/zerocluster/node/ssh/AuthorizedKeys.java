package dev.zerocluster.node.ssh;

import dev.zerocluster.core.model.SshPublicKey;
import dev.zerocluster.core.system.AtomicFile;
import dev.zerocluster.core.system.SystemRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Adds a key to a user's {@code authorized_keys} exactly once, the way sshd wants it: the file
 * 0600 and {@code .ssh} 0700, both owned by the user (StrictModes refuses keys in a file others can
 * write). Lines already there, and their order, stay as they are.
 */
public final class AuthorizedKeys {
    private final SystemRoot root;
    private final String user;

    public AuthorizedKeys(SystemRoot root, String user) {
        this.root = root;
        this.user = user;
    }

    /** The user's {@code /etc/passwd} entry: home directory (a host path), uid and gid. */
    public record Account(String home, int uid, int gid) {
    }

    public Account account() throws IOException {
        for (String line : Files.readAllLines(root.path("/etc/passwd"), StandardCharsets.UTF_8)) {
            String[] f = line.split(":", -1);
            if (f.length >= 7 && f[0].equals(user)) {
                try {
                    if (!f[5].startsWith("/")) {
                        break;
                    }
                    return new Account(f[5], Integer.parseInt(f[2]), Integer.parseInt(f[3]));
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new IOException("user " + user + " (ssh.user) has no usable entry in " + root.path("/etc/passwd"));
    }

    /** True when the key was added, false when it was there already. */
    public boolean add(SshPublicKey key) throws IOException {
        Account account = account();
        Path sshDir = root.path(account.home() + "/.ssh");
        Path file = sshDir.resolve("authorized_keys");
        if (!Files.isDirectory(sshDir)) {
            Files.createDirectories(sshDir);
            Files.setPosixFilePermissions(sshDir, PosixFilePermissions.fromString("rwx------"));
            chown(sshDir, account);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            lines = List.of();
        }
        for (String line : lines) {
            try {
                if (SshPublicKey.parse(line).sameKey(key)) {
                    return false;
                }
            } catch (IllegalArgumentException e) {
                // Comments, options and other people's formats are left alone.
            }
        }
        StringBuilder content = new StringBuilder();
        for (String line : lines) {
            content.append(line).append('\n');
        }
        content.append(key.line()).append('\n');
        AtomicFile.write(file, content.toString().getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rw-------"));
        chown(file, account);
        return true;
    }

    private static void chown(Path p, Account account) throws IOException {
        Files.setAttribute(p, "unix:uid", account.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", account.gid(), LinkOption.NOFOLLOW_LINKS);
    }
}
