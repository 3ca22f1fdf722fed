package io.darkroom.platform.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The derived-files folder: {@code <storage>/<h0h1>/<h2h3>/<hash>/<name>}. Two levels of fan-out keep any one
 * folder under ~65k entries at a million items. Writers go through {@link #writeAtomically}, so a reader (or
 * a crash) never sees half a file.
 */
public final class StorageLayout {

    private static final int MAX_NAME_LENGTH = 128;

    /** {@link #writeAtomically}'s temporaries: {@code .<name><random>.partial}, beside their target. */
    private static final String TEMPORARY_PREFIX = ".";
    private static final String TEMPORARY_SUFFIX = ".partial";

    private final Path root;

    public StorageLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static StorageLayout from(StorageConfig config) {
        return new StorageLayout(config.path());
    }

    public Path root() {
        return root;
    }

    /** The path of a derived file relative to the storage root, as events carry it. */
    public String relativePath(String contentHash, String name) {
        requireHash(contentHash);
        if (!isSafeName(name)) {
            throw new IllegalArgumentException("Not a safe derived-file name: " + name);
        }
        return contentHash.substring(0, 2) + "/" + contentHash.substring(2, 4) + "/" + contentHash + "/" + name;
    }

    public Path file(String contentHash, String name) {
        return root.resolve(relativePath(contentHash, name));
    }

    /** Resolves a relative path from an event, refusing anything outside the storage root. */
    public Path resolve(String relativePath) {
        Path file = root.resolve(relativePath).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("Path leaves the storage folder: " + relativePath);
        }
        return file;
    }

    /** Writes to a temporary sibling, syncs, then renames over the target. */
    public Path writeAtomically(Path target, ContentWriter writer) throws IOException {
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), TEMPORARY_PREFIX + target.getFileName(),
                TEMPORARY_SUFFIX);
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                writer.writeTo(out);
            }
            try (var channel = java.nio.channels.FileChannel.open(temporary, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Whether {@code fileName} is one of {@link #writeAtomically}'s temporaries (a writer killed mid-file leaves it). */
    public static boolean isTemporary(String fileName) {
        return fileName.startsWith(TEMPORARY_PREFIX) && fileName.endsWith(TEMPORARY_SUFFIX);
    }

    /**
     * Removes the temporaries that writers killed mid-file left anywhere in this folder, once untouched for {@code age}
     * (a live write takes milliseconds); returns how many went. Walks the whole tree: run it off the request path.
     */
    public int sweepStaleTemporaries(Duration age) throws IOException {
        return StaleFiles.sweepTree(root, StorageLayout::isTemporary, age);
    }

    public static void requireHash(String contentHash) {
        if (!isContentHash(contentHash)) {
            throw new IllegalArgumentException("Not a lower-case hex SHA-256: " + contentHash);
        }
    }

    // The two checks below run on every thumbnail request: plain loops, not regular expressions.

    /** Whether {@code value} is a content hash: a lower-case hex SHA-256. */
    public static boolean isContentHash(String value) {
        if (value == null || value.length() != 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** A derived file's name: a letter or digit, then letters, digits, '.', '_' or '-'; no "..", 128 at most. */
    static boolean isSafeName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.contains("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alphanumeric = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alphanumeric && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    /** Produces a derived file's bytes. */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }
}
