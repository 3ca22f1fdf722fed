package io.darkroom.transcode.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {

    @TempDir
    Path folder;

    @Test
    void onlyThisTargetsPartialsUntouchedForTheAgeAreRemoved() throws Exception {
        Path target = folder.resolve("video.mp4");
        Path dead = old(DurableFiles.partialFor(target, "instance-dead"));
        Path live = Files.write(DurableFiles.partialFor(target, "instance-live"), new byte[] {1});
        Path otherTarget = old(DurableFiles.partialFor(folder.resolve("other.mp4"), "instance-dead"));
        Path claim = old(OutputClaim.fileFor(target));

        DurableFiles.deleteStalePartials(target, Duration.ofMinutes(10));

        assertThat(dead).doesNotExist();
        assertThat(live).exists();
        assertThat(otherTarget).exists();
        assertThat(claim).exists();
    }

    private static Path old(Path file) throws Exception {
        Files.write(file, new byte[] {1});
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        return file;
    }
}
