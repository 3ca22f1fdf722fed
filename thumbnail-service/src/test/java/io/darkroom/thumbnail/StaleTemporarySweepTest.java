package io.darkroom.thumbnail;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.platform.storage.ContentHash;
import io.darkroom.platform.storage.StorageLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a thumbnail-service killed between create and rename left is gone after the next start's sweep. */
class StaleTemporarySweepTest {

    @TempDir
    Path storage;

    @Test
    void theSweepRemovesTemporariesOfAKilledWriterAndKeepsEverythingElse() throws Exception {
        StorageLayout layout = new StorageLayout(storage);
        String hash = ContentHash.of("photo".getBytes(StandardCharsets.UTF_8));
        Path tile = layout.writeAtomically(layout.file(hash, "tile-224.jpg"), out -> out.write(new byte[] {1, 2}));
        Path killed = Files.write(tile.resolveSibling(".tile-448.jpg1234567.partial"), new byte[] {1});
        Files.setLastModifiedTime(killed, FileTime.from(Instant.now().minus(StaleTemporarySweep.STALE_AFTER)
                .minusSeconds(1)));
        Path underWay = Files.write(tile.resolveSibling(".fit-720.jpg7654321.partial"), new byte[] {1});

        int deleted = new StaleTemporarySweep(() -> storage).sweep();

        assertThat(deleted).isEqualTo(1);
        assertThat(killed).doesNotExist();
        assertThat(underWay).as("another instance may be writing it").exists();
        assertThat(tile).hasBinaryContent(new byte[] {1, 2});
    }

    @Test
    void aMissingDerivedFilesFolderIsNotAnError() {
        assertThat(new StaleTemporarySweep(() -> storage.resolve("not-yet")).sweep()).isZero();
    }
}
