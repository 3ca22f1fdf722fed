package io.darkroom.transcode.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputClaimTest {

    @TempDir
    Path folder;

    @Test
    void aLiveClaimKeepsOthersOutUntilReleased() throws Exception {
        Path target = folder.resolve("video.mp4");
        try (OutputClaim first = OutputClaim.tryAcquire(target, "a", Duration.ofSeconds(60)).orElseThrow()) {
            assertThat(OutputClaim.tryAcquire(target, "b", Duration.ofSeconds(60))).isEmpty();
            assertThat(OutputClaim.fileFor(target)).hasContent("a");
        }
        assertThat(OutputClaim.fileFor(target)).doesNotExist();
        OutputClaim.tryAcquire(target, "b", Duration.ofSeconds(60)).orElseThrow().close();
    }

    @Test
    void aClaimNotRenewedWithinTheTimeoutIsTakenOver() throws Exception {
        Path target = folder.resolve("video.mp4");
        Files.writeString(OutputClaim.fileFor(target), "dead instance");
        Files.setLastModifiedTime(OutputClaim.fileFor(target), FileTime.from(Instant.now().minusSeconds(120)));

        assertThat(OutputClaim.tryAcquire(target, "b", Duration.ofSeconds(60))).as("the stale claim is removed").isEmpty();
        try (OutputClaim taken = OutputClaim.tryAcquire(target, "b", Duration.ofSeconds(60)).orElseThrow()) {
            assertThat(OutputClaim.fileFor(target)).hasContent("b");
        }
    }

    @Test
    void theHolderRenewsItsClaim() throws Exception {
        Path target = folder.resolve("video.mp4");
        try (OutputClaim claim = OutputClaim.tryAcquire(target, "a", Duration.ofMillis(400)).orElseThrow()) {
            Files.setLastModifiedTime(OutputClaim.fileFor(target), FileTime.from(Instant.now().minusSeconds(120)));
            Thread.sleep(300);
            assertThat(Files.getLastModifiedTime(OutputClaim.fileFor(target)).toInstant())
                    .isAfter(Instant.now().minusSeconds(5));
        }
    }
}
