package dev.zerocluster.node.tweaks;

import dev.zerocluster.core.system.CommandRunner;
import dev.zerocluster.core.system.SystemRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HDMI under the legacy firmware display driver (no {@code /sys/class/drm}): {@code tvservice -o}
 * powers the whole display pipeline down at once (about 25 mA on a Zero, raspberry-pi-os.md §5.3),
 * {@code tvservice -p} brings it back with the preferred mode, {@code tvservice -s} tells which.
 * It does not survive a reboot; {@code zc-node run} applies it at every start.
 */
final class TvserviceHdmi implements Hdmi {
    /** {@code state 0x120002 [TV is off]}, or {@code state 0x12000a [HDMI CEA (16) …], 1920x1080 @ 60.00Hz, …}. */
    private static final Pattern STATUS = Pattern.compile("state 0x[0-9a-fA-F]+ \\[(.*?)\\].*", Pattern.DOTALL);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Path tvservice;
    private final String notFound;
    private final CommandRunner commands;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private TweakState cached;
    private long cachedAt;
    private boolean haveCached;

    TvserviceHdmi(SystemRoot root, CommandRunner commands, Duration statusTtl, LongSupplier nanoTime) {
        // /usr/bin on Bullseye and later (raspi-utils, libraspberrypi-bin), /opt/vc/bin on older images.
        Path found = null;
        for (String candidate : new String[] {"/usr/bin/tvservice", "/opt/vc/bin/tvservice"}) {
            Path p = root.path(candidate);
            if (Files.isExecutable(p)) {
                found = p;
                break;
            }
        }
        this.tvservice = found;
        this.notFound = "no /sys/class/drm (legacy display driver) and no tvservice in " + root.path("/usr/bin")
                + " or " + root.path("/opt/vc/bin") + " to switch HDMI with";
        this.commands = commands;
        this.ttlNanos = statusTtl.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Off when the status says "TV is off"; null for output that is not a tvservice status. */
    static TweakState parseStatus(String stdout) {
        Matcher m = STATUS.matcher(stdout.strip());
        if (!m.matches()) {
            return null;
        }
        return m.group(1).equals("TV is off") ? TweakState.OFF : TweakState.ON;
    }

    @Override
    public synchronized TweakState state() {
        if (tvservice == null) {
            return null;
        }
        long now = nanoTime.getAsLong();
        if (haveCached && now - cachedAt < ttlNanos) {
            return cached;
        }
        try {
            cached = query();
        } catch (IOException e) {
            cached = null;
        }
        cachedAt = now;
        haveCached = true;
        return cached;
    }

    @Override
    public TweakResult status() {
        if (tvservice == null) {
            return TweakResult.failed(NAME, null, notFound);
        }
        try {
            return TweakResult.ok(NAME, query(), "legacy display driver: tvservice -s");
        } catch (IOException e) {
            return TweakResult.failed(NAME, null, e.getMessage());
        }
    }

    @Override
    public TweakResult switchTo(boolean on) {
        if (tvservice == null) {
            return TweakResult.failed(NAME, null, notFound);
        }
        TweakState wanted = on ? TweakState.ON : TweakState.OFF;
        try {
            if (query() == wanted) {
                return TweakResult.ok(NAME, wanted, "already " + wanted.word() + " (tvservice -s)");
            }
            String option = on ? "-p" : "-o";
            CommandRunner.Result r = commands.run(List.of(tvservice.toString(), option), TIMEOUT);
            if (!r.ok()) {
                return TweakResult.failed(NAME, queryOrNull(), "tvservice " + option + (r.timedOut() ? " timed out"
                        : " exited " + r.exitCode() + ": " + (r.stdout() + r.stderr()).strip()));
            }
            TweakState now = queryOrNull();
            haveCached = false;
            if (now != wanted) {
                return TweakResult.failed(NAME, now, "tvservice " + option + " ran, but tvservice -s still says "
                        + (now == null ? "something unreadable" : now.word()));
            }
            return TweakResult.ok(NAME, now, "tvservice " + option + ": " + r.stdout().strip());
        } catch (IOException e) {
            return TweakResult.failed(NAME, null, e.getMessage());
        }
    }

    private TweakState queryOrNull() {
        try {
            return query();
        } catch (IOException e) {
            return null;
        }
    }

    private TweakState query() throws IOException {
        CommandRunner.Result r = commands.run(List.of(tvservice.toString(), "-s"), TIMEOUT);
        TweakState state = r.ok() ? parseStatus(r.stdout()) : null;
        if (state == null) {
            throw new IOException("tvservice -s " + (r.timedOut() ? "timed out" : "exited " + r.exitCode() + ": "
                    + (r.stdout() + r.stderr()).strip()));
        }
        return state;
    }
}
