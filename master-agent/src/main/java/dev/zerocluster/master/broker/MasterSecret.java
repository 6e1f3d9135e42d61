package dev.zerocluster.master.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The master's own broker password: 32 random bytes as hex in {@code <state.dir>/master-secret}
 * (mode 0600), made on first start. It is not derived from the join token, which every node holds.
 */
public final class MasterSecret {
    public static final String FILE_NAME = "master-secret";

    private MasterSecret() {
    }

    public static String loadOrCreate(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            Files.createDirectories(stateDir);
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            // Written whole under a temporary name (mode 0600 from its creation), then linked into
            // place: a crash or a second master starting at the same time never sees a half file.
            Path tmp = Files.createTempFile(stateDir, ".master-secret", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(tmp, HexFormat.of().formatHex(bytes).getBytes(StandardCharsets.US_ASCII),
                        StandardOpenOption.WRITE, StandardOpenOption.SYNC);
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                // Another process made it first; use theirs.
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (secret.length() < 32) {
            throw new IOException(file + " holds no usable secret; delete it to make a new one");
        }
        return secret;
    }
}
