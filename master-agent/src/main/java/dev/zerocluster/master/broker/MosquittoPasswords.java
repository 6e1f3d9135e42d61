package dev.zerocluster.master.broker;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * One line of a Mosquitto 2.0 password file, as {@code mosquitto_passwd} writes it:
 *
 * <pre>  user:$7$101$&lt;base64 salt&gt;$&lt;base64 hash&gt;</pre>
 *
 * Type 7 is PBKDF2-HMAC-SHA512 with the given iteration count (101, Mosquitto's default), a 12-byte
 * salt and a 64-byte hash, both in standard base64 with padding (eclipse/mosquitto v2.0.11:
 * {@code src/password_mosq.h}, {@code pw__hash} in {@code src/password_mosq.c}, the
 * {@code fprintf} in {@code output_new_password} of {@code apps/mosquitto_passwd/mosquitto_passwd.c};
 * the broker refuses a salt of any other length and a hash of any other size,
 * {@code unpwd__decode_passwords} in {@code src/security_default.c}).
 */
public final class MosquittoPasswords {
    static final int ITERATIONS = 101;
    static final int SALT_BYTES = 12;
    static final int HASH_BYTES = 64;

    private MosquittoPasswords() {
    }

    /** A line with a fresh random salt, so equal passwords give different lines. */
    public static String line(String user, String password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return line(user, password, salt);
    }

    static String line(String user, String password, byte[] salt) {
        if (user.isEmpty() || user.startsWith("#") || user.indexOf(':') >= 0 || user.chars().anyMatch(c -> c <= ' ')) {
            // A line starting with '#' is a comment, the rest is split at ':', blanks are trimmed.
            throw new IllegalArgumentException("'" + user + "' cannot be a user in a Mosquitto password file");
        }
        Base64.Encoder base64 = Base64.getEncoder();
        return user + ":$7$" + ITERATIONS + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(hash(password, salt, ITERATIONS));
    }

    static byte[] hash(String password, byte[] salt, int iterations) {
        // Mosquitto hashes the password's bytes as the client sent them; SunJCE's PBKDF2 turns the
        // chars into UTF-8, the encoding MQTT passwords are given in by our clients.
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }
}
