package dev.zerocluster.core.system;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs a problem the first time it happens and counts the rest, so a file that is missing on this
 * board does not fill the journal every ten seconds.
 */
public final class OnceLog {
    private final Logger log;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public OnceLog(Logger log) {
        this.log = log;
    }

    /** Logs {@code message} at WARN unless {@code kind} was logged before. */
    public void warn(String kind, String message) {
        if (seen.add(kind)) {
            log.warn("{} (logged once)", message);
        }
    }

    /** Logs {@code message} at INFO unless {@code kind} was logged before. */
    public void info(String kind, String message) {
        if (seen.add(kind)) {
            log.info("{} (logged once)", message);
        }
    }
}
