package dev.zerocluster.node.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerocluster.core.bootfiles.FileUpdate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A case's fake {@code system.root}, built in a temporary folder: the tree named in the case's
 * {@code base} file (a path relative to the case, usually one of the health trees), then the case's
 * own {@code root/} laid over it. The source trees are never written to. Read from the source folder,
 * not the class path, because Maven's resource copy drops the executable bit of fake tools.
 */
public final class FakeTree {
    private FakeTree() {
    }

    public static Path build(Path caseDir, Path target) throws IOException {
        Path base = caseDir.resolve("base");
        if (Files.exists(base)) {
            copy(caseDir.resolve(Files.readString(base).strip()).normalize(), target);
        }
        if (Files.isDirectory(caseDir.resolve("root"))) {
            copy(caseDir.resolve("root"), target);
        }
        Files.createDirectories(target);
        return target;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                            LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    /**
     * Every file and link under {@code root}: relative path to content (hex) and mode, or link target.
     * Two equal snapshots mean nothing changed, byte for byte.
     */
    public static Map<String, String> snapshot(Path root) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(rel, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p)) {
                    out.put(rel, PosixFilePermissions.toString(Files.getPosixFilePermissions(p)) + " "
                            + HexFormat.of().formatHex(Files.readAllBytes(p)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Every path under {@code root} either left as it was, or as the case's {@code expected/},
     * {@code expected-links.txt} or {@code expected-removed.txt} say, or the backup of a file that
     * changed (holding that file's old content); {@code expected-modes.txt} lists modes to check.
     */
    public static void assertChangedAsExpected(Path caseDir, Path root, Map<String, String> before, Map<String, String> after)
            throws IOException {
        Map<String, String> expected = new HashMap<>();
        Path expectedDir = caseDir.resolve("expected");
        if (Files.isDirectory(expectedDir)) {
            try (Stream<Path> files = Files.walk(expectedDir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String rel = expectedDir.relativize(f).toString();
                    expected.put(rel, Files.readString(f));
                    assertThat(root.resolve(rel)).as(rel).exists();
                    assertThat(Files.readString(root.resolve(rel))).as(rel).isEqualTo(Files.readString(f));
                }
            }
        }
        for (String line : readLines(caseDir.resolve("expected-links.txt"))) {
            String[] parts = line.split(" -> ");
            assertThat(Files.isSymbolicLink(root.resolve(parts[0]))).as(parts[0]).isTrue();
            assertThat(Files.readSymbolicLink(root.resolve(parts[0])).toString()).isEqualTo(parts[1]);
            expected.put(parts[0], line);
        }
        for (String line : readLines(caseDir.resolve("expected-modes.txt"))) {
            String[] parts = line.split(" ");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(parts[1]),
                    LinkOption.NOFOLLOW_LINKS))).as(parts[1]).isEqualTo(parts[0]);
        }
        for (String removed : readLines(caseDir.resolve("expected-removed.txt"))) {
            assertThat(root.resolve(removed)).doesNotExist();
            expected.put(removed, "removed");
        }
        for (Map.Entry<String, String> e : after.entrySet()) {
            String rel = e.getKey();
            if (expected.containsKey(rel)) {
                continue;
            }
            if (rel.endsWith(FileUpdate.BACKUP_SUFFIX)) {
                String original = rel.substring(0, rel.length() - FileUpdate.BACKUP_SUFFIX.length());
                assertThat(expected).as("a backup only of a changed file: " + rel).containsKey(original);
                assertThat(e.getValue()).as("backup of " + original).isEqualTo(before.get(original));
                continue;
            }
            assertThat(e.getValue()).as(rel + " is left as it was").isEqualTo(before.get(rel));
        }
        for (String rel : before.keySet()) {
            assertThat(after.containsKey(rel) || expected.containsKey(rel)).as(rel + " still exists").isTrue();
        }
    }

    private static List<String> readLines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
