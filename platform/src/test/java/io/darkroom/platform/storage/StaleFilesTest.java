package io.darkroom.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleFilesTest {

    private static final String HASH = ContentHash.of("hello".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path temp;

    @Test
    void writeAtomicallysTemporaryIsRecognisedWhileTheWriteIsUnderWay() throws IOException {
        StorageLayout layout = new StorageLayout(temp);
        Path target = layout.file(HASH, "tile-224.jpg");
        List<String> seen = new ArrayList<>();

        layout.writeAtomically(target, out -> {
            try (Stream<Path> siblings = Files.list(target.getParent())) {
                siblings.forEach(p -> seen.add(p.getFileName().toString()));
            }
            out.write(1);
        });

        assertThat(seen).singleElement().satisfies(name -> assertThat(StorageLayout.isTemporary(name)).isTrue());
        assertThat(StorageLayout.isTemporary("tile-224.jpg")).isFalse();
        assertThat(StorageLayout.isTemporary(".video.mp4.claim")).isFalse();
        // transcode-service's own partials are its business, not this sweep's
        assertThat(StorageLayout.isTemporary(".video.mp4.instance-1.partial.mp4")).isFalse();
    }

    @Test
    void theTreeSweepRemovesOnlyStaleTemporariesAtAnyDepth() throws IOException {
        StorageLayout layout = new StorageLayout(temp);
        Path folder = layout.file(HASH, "tile-224.jpg").getParent();
        Path whole = write(folder.resolve("tile-224.jpg"), Duration.ofDays(2));
        Path stale = write(folder.resolve(".tile-448.jpg8814451.partial"), Duration.ofHours(1));
        Path staleElsewhere = write(temp.resolve("ab/cd/.fit-720.jpg12.partial"), Duration.ofDays(30));
        Path fresh = write(folder.resolve(".fit-720.jpg99.partial"), Duration.ofSeconds(5));
        Path oldButNotOurs = write(folder.resolve(".video.mp4.claim"), Duration.ofDays(2));

        int deleted = layout.sweepStaleTemporaries(Duration.ofMinutes(10));

        assertThat(deleted).isEqualTo(2);
        assertThat(stale).doesNotExist();
        assertThat(staleElsewhere).doesNotExist();
        assertThat(whole).exists();
        assertThat(fresh).as("a write may be under way").exists();
        assertThat(oldButNotOurs).exists();
    }

    @Test
    void theFolderSweepLooksOnlyInThatFolder() throws IOException {
        Path stale = write(temp.resolve(".out.mp4.a.partial.mp4"), Duration.ofHours(1));
        Path below = write(temp.resolve("sub/.out.mp4.b.partial.mp4"), Duration.ofHours(1));
        Path fresh = write(temp.resolve(".out.mp4.c.partial.mp4"), Duration.ZERO);

        int deleted = StaleFiles.sweepFolder(temp, n -> n.endsWith(".partial.mp4"), Duration.ofMinutes(10));

        assertThat(deleted).isEqualTo(1);
        assertThat(stale).doesNotExist();
        assertThat(below).exists();
        assertThat(fresh).exists();
    }

    @Test
    void aMissingFolderHasNothingToSweep() throws IOException {
        assertThat(new StorageLayout(temp.resolve("not-there")).sweepStaleTemporaries(Duration.ZERO)).isZero();
    }

    private static Path write(Path file, Duration age) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1, 2, 3});
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }
}
