package io.darkroom.transcode.media;

import io.darkroom.platform.storage.StaleFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Output that is either absent or complete: FFmpeg writes {@code .<name>.<instance>.partial.mp4}, which is
 * synced, renamed over the real name, and the folder synced, before the input's offset may be committed.
 */
public final class DurableFiles {

    private static final String PARTIAL_SUFFIX = ".partial.mp4";

    private DurableFiles() {
    }

    /** The hidden temporary file of {@code target} for one instance. */
    public static Path partialFor(Path target, String instance) {
        return target.resolveSibling("." + target.getFileName() + "." + instance + PARTIAL_SUFFIX);
    }

    /** fsync the temporary file, rename it atomically over {@code target}, fsync the folder. */
    public static void publish(Path temporary, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel folder = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException e) {
            // Some file systems (network mounts) cannot sync a directory; the rename itself is still atomic.
        }
    }

    /** Removes partial files of {@code target} left by instances that died mid-file (untouched for {@code age}). */
    public static void deleteStalePartials(Path target, Duration age) throws IOException {
        String prefix = "." + target.getFileName() + ".";
        StaleFiles.sweepFolder(target.getParent(), name -> name.startsWith(prefix) && name.endsWith(PARTIAL_SUFFIX),
                age);
    }
}
