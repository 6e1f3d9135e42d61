package dev.zerocluster.master.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MosquittoPasswordsTest {
    /** Written by Debian's mosquitto_passwd 2.0.11: {@code mosquitto_passwd -c -b pw zero-a1b2c3d4 'correct horse battery staple'}. */
    static final String FROM_MOSQUITTO_PASSWD = "zero-a1b2c3d4:$7$101$1WY4JLkYeTYxz2iu$"
            + "+SWawbgFRI9YtBHFCSEanJvw3LnLkPxXpU0xQL4F5v2c1BdyPBQU3j11nUWMy9Que1YWSO96ctdxlREKZBw+EQ==";

    @Test
    void withTheSameSaltTheLineIsThatOfMosquittoPasswd() {
        byte[] salt = Base64.getDecoder().decode("1WY4JLkYeTYxz2iu");
        assertThat(MosquittoPasswords.line("zero-a1b2c3d4", "correct horse battery staple", salt))
                .isEqualTo(FROM_MOSQUITTO_PASSWD);
    }

    @Test
    void eachLineHasAFreshSaltOfTwelveBytesAndAHashOfSixtyFour() {
        SecureRandom random = new SecureRandom();
        String first = MosquittoPasswords.line("zc.master", "secret", random);
        String second = MosquittoPasswords.line("zc.master", "secret", random);
        assertThat(first).isNotEqualTo(second).matches("zc\\.master:\\$7\\$101\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}==");
        String[] parts = first.split("\\$");
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(12);
        assertThat(Base64.getDecoder().decode(parts[4])).hasSize(64);
    }

    @Test
    void aNameTheFileCannotHoldIsRefused() {
        SecureRandom random = new SecureRandom();
        for (String user : new String[] {"", "a:b", "a b", "#a", "a\nb"}) {
            assertThatThrownBy(() -> MosquittoPasswords.line(user, "p", random)).as(user)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
