package dev.zerocluster.core.bootfiles;

import java.io.IOException;

/**
 * A boot file that cannot be parsed or edited safely. The message names the file and, where there
 * is one, the line; the file has not been touched.
 */
public final class BootFileException extends IOException {
    public BootFileException(String message) {
        super(message);
    }

    static BootFileException at(String source, int line, String message) {
        return new BootFileException(source + " line " + line + ": " + message);
    }
}
