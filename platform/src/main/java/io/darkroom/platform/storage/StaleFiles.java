package io.darkroom.platform.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Removes temporary files that a writer killed between create and rename left behind. Only files whose name the
 * caller's predicate accepts and that nobody touched for {@code age} go: a live writer (another instance on the same
 * shared folder) keeps its temporary's modification time fresh, and is never in the middle of one for that long.
 */
public final class StaleFiles {

    private StaleFiles() {
    }

    /** Deletes the stale temporaries directly in {@code folder}; returns how many went. */
    public static int sweepFolder(Path folder, Predicate<String> temporary, Duration age) throws IOException {
        Instant cutoff = Instant.now().minus(age);
        int deleted = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder,
                p -> temporary.test(p.getFileName().toString()))) {
            for (Path file : entries) {
                if (deleteIfStale(file, cutoff)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /**
     * Deletes the stale temporaries anywhere under {@code root} (links not followed); a folder that cannot be read, or
     * that disappears meanwhile, is skipped. Returns how many went.
     */
    public static int sweepTree(Path root, Predicate<String> temporary, Duration age) throws IOException {
        Instant cutoff = Instant.now().minus(age);
        int[] deleted = {0};
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile() && temporary.test(file.getFileName().toString())
                        && attributes.lastModifiedTime().toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
                    deleted[0]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return deleted[0];
    }

    private static boolean deleteIfStale(Path file, Instant cutoff) throws IOException {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && Files.deleteIfExists(file);
        } catch (NoSuchFileException finishedMeanwhile) {
            return false;
        }
    }
}
