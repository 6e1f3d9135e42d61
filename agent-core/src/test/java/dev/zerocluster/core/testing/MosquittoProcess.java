package dev.zerocluster.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Mosquitto ({@code /usr/sbin/mosquitto}) as a child process of the test, on one loopback
 * port, reading only the configuration the test gives it: a main file written here, which includes
 * the {@code *.conf} files of a directory the way {@code /etc/mosquitto/conf.d/} is included on a
 * real master. {@code /etc/mosquitto/mosquitto.conf} is never read (so no pid file, no persistence
 * file, no log file outside the test's folder).
 *
 * <p>The broker is stopped by its PID: SIGTERM, then SIGKILL after {@link #STOP_TIMEOUT}. A JVM
 * shutdown hook does the same should a test forget {@link #close()} or the run be interrupted, so no
 * broker outlives the build.
 *
 * <p>When the binary is missing this fails, naming the Debian package: the production ACL can only
 * be checked against the production broker, so a skipped test would hide exactly the bugs it is for.
 */
public final class MosquittoProcess implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    public static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final String LOOPBACK = "127.0.0.1";
    private static final String RELOADED = "Reloading config.";

    private final Path binary;
    private final Path mainConf;
    private final Path log;
    private final int port;
    private final Thread shutdownHook;
    private Process process;

    private MosquittoProcess(Path binary, Path mainConf, Path log, int port) {
        this.binary = binary;
        this.mainConf = mainConf;
        this.log = log;
        this.port = port;
        this.shutdownHook = new Thread(this::kill, "mosquitto-" + port + "-killer");
    }

    /** A TCP port on 127.0.0.1 that nothing listens on right now. */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        }
    }

    /**
     * Starts a broker on the listener that {@code confDir} declares, which must be exactly
     * {@code listener <port> 127.0.0.1} (so a test can never open a port to the network); for a
     * directory made by {@code zc-master mosquitto-config --port <port> --bind 127.0.0.1}.
     *
     * @param workDir where the main configuration file and {@code mosquitto.log} go
     */
    public static MosquittoProcess start(Path confDir, int port, Path workDir) {
        List<String> listeners = listenerLines(confDir);
        String expected = "listener " + port + " " + LOOPBACK;
        if (listeners.size() != 1 || !listeners.get(0).equals(expected)) {
            throw new IllegalArgumentException(confDir + " must declare exactly '" + expected + "', found " + listeners);
        }
        return launch(BINARY, confDir, port, workDir, false);
    }

    /**
     * Starts a broker on a free loopback port declared here; the {@code *.conf} files of
     * {@code confDir} add the rest (authentication, ACL, limits) and declare no listener.
     */
    public static MosquittoProcess startWithListener(Path confDir, Path workDir) {
        List<String> listeners = listenerLines(confDir);
        if (!listeners.isEmpty()) {
            throw new IllegalArgumentException(confDir + " declares its own listener " + listeners
                    + "; use start(confDir, port, workDir)");
        }
        return launch(BINARY, confDir, freeLoopbackPort(), workDir, true);
    }

    static MosquittoProcess launch(Path binary, Path confDir, int port, Path workDir, boolean declareListener) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " is missing: the broker tests run Debian's Mosquitto."
                    + " Install it with `apt-get install mosquitto` (and mosquitto-clients for debugging);"
                    + " these tests fail rather than skip without it.");
        }
        Path mainConf = workDir.resolve("mosquitto-main.conf");
        List<String> lines = new ArrayList<>(List.of(
                "# Written by " + MosquittoProcess.class.getName() + "; /etc/mosquitto is not read.",
                // Mosquitto started as root drops to the user named here (default "mosquitto"), who could
                // not read the test's private temporary folder; the current user keeps it as it is.
                "user " + System.getProperty("user.name"),
                "persistence false",
                "log_dest stderr",
                "log_type all"));
        if (declareListener) {
            lines.add("listener " + port + " " + LOOPBACK);
        }
        lines.add("include_dir " + confDir.toAbsolutePath());
        try {
            Files.createDirectories(workDir);
            Files.write(mainConf, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MosquittoProcess broker = new MosquittoProcess(binary, mainConf, workDir.resolve("mosquitto.log"), port);
        Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
        try {
            broker.startProcess();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    public int port() {
        return port;
    }

    /** The address for a Paho client. */
    public String url() {
        return "tcp://" + LOOPBACK + ":" + port;
    }

    public long pid() {
        if (process == null) {
            throw new IllegalStateException("not running");
        }
        return process.pid();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Everything the broker logged so far, across restarts. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops and starts the broker on the same port, with the configuration as it is now on disk. */
    public void restart() {
        stop();
        startProcess();
    }

    /**
     * Sends SIGHUP, as {@code systemctl reload mosquitto} does: Mosquitto re-reads the password and
     * ACL files and keeps its connections. Returns once the broker has logged the reload.
     */
    public void reload() {
        long before = countReloads();
        try {
            Process kill = new ProcessBuilder(List.of("kill", "-HUP", Long.toString(pid())))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -HUP " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (countReloads() == before) {
            if (System.nanoTime() > deadline || !isRunning()) {
                throw new IllegalStateException("Mosquitto did not reload within " + START_TIMEOUT + "; log:\n" + log());
            }
            sleep(20);
        }
    }

    /** SIGTERM, and SIGKILL if it has not exited within {@link #STOP_TIMEOUT}. */
    public void stop() {
        Process p = process;
        process = null;
        if (p == null || !p.isAlive()) {
            return;
        }
        // Process.destroy() is SIGTERM to this PID on Linux, destroyForcibly() SIGKILL.
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook itself is running or about to.
        }
    }

    private void kill() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    private void startProcess() {
        try {
            process = new ProcessBuilder(List.of(binary.toString(), "-c", mainConf.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary, e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!accepts()) {
            if (!process.isAlive()) {
                int code = process.exitValue();
                process = null;
                throw new IllegalStateException("Mosquitto exited with " + code + " while starting; log:\n" + log());
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("Mosquitto did not accept connections on " + LOOPBACK + ":" + port
                        + " within " + START_TIMEOUT + "; log:\n" + log());
            }
            sleep(20);
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private long countReloads() {
        return log().lines().filter(line -> line.endsWith(RELOADED)).count();
    }

    private static List<String> listenerLines(Path confDir) {
        try (Stream<Path> files = Files.list(confDir)) {
            List<String> found = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    String l = line.strip().replaceAll("\\s+", " ");
                    if (l.startsWith("listener ")) {
                        found.add(l);
                    }
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
