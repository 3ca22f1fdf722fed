package io.darkroom.thumbnail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.darkroom.events.DarkroomEvent;
import io.darkroom.events.FailureKind;
import io.darkroom.events.FileLocation;
import io.darkroom.events.MediaIndexed;
import io.darkroom.events.MediaKind;
import io.darkroom.events.ProcessingFailed;
import io.darkroom.events.ProcessingStage;
import io.darkroom.events.ThumbnailsGenerated;
import io.darkroom.platform.storage.ContentHash;
import io.darkroom.platform.testing.ExifData;
import io.darkroom.platform.testing.JpegFixtures;
import io.darkroom.thumbnail.domain.IoRetry;
import io.darkroom.thumbnail.domain.RootUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An original out of reach with its whole library root (unmounted, empty mount point) is not an original removed: the
 * item waits for the root like a storage fault, and is done once it is back; one removed under a present root is still
 * skipped (ingest-service reports the removal).
 */
class VanishedRootTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private ThumbnailService service;
    private Path library;
    private MediaIndexed first;
    private MediaIndexed second;

    @BeforeEach
    void aLibraryOfTwoPhotos() throws Exception {
        service = TestServices.service(dir, Duration.ofSeconds(60), metrics);
        library = dir.resolve("library");
        first = indexed(JpegFixtures.write(library.resolve("2020/a.jpg"), 320, 240, ExifData.NONE));
        second = indexed(JpegFixtures.write(library.resolve("2020/b.jpg"), 300, 200, ExifData.NONE));
    }

    @Test
    void aFileRemovedUnderAPresentRootIsSkipped() throws Exception {
        Files.delete(library.resolve("2020/a.jpg"));

        assertThat(service.process(first)).isEmpty();
    }

    @Test
    void aRootThatIsGoneOrAnEmptyMountPointIsReportedAsUnavailableNotAsARemovedFile() throws Exception {
        Path away = dir.resolve("unmounted");
        Files.move(library, away);

        assertThatThrownBy(() -> service.process(first)).isInstanceOf(RootUnavailableException.class)
                .hasMessageContaining("'test' is unavailable");

        Files.createDirectories(library); // the empty mount point an unmounted share leaves
        assertThatThrownBy(() -> service.process(first)).isInstanceOf(RootUnavailableException.class);
        assertThat(dir.resolve("storage")).satisfiesAnyOf(s -> assertThat(s).doesNotExist(),
                s -> assertThat(Files.walk(s).filter(Files::isRegularFile)).isEmpty());
    }

    @Test
    void theItemWaitsOnItsWorkerAndIsDoneOnceTheRootIsBack() throws Exception {
        Path away = dir.resolve("unmounted");
        Files.move(library, away);
        IoRetry retry = new IoRetry(Duration.ofSeconds(20), Duration.ofMillis(20), Duration.ofMillis(100));

        CompletableFuture<Optional<DarkroomEvent>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return retry.run(second.location().toString(), () -> service.process(second));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (retry.waiting() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(retry.waiting()).as("counted as waiting for storage").isEqualTo(1);
        assertThat(waiting).isNotDone();
        Files.move(away, library);

        ThumbnailsGenerated done = (ThumbnailsGenerated) waiting.get(10, TimeUnit.SECONDS).orElseThrow();
        assertThat(done.contentHash()).isEqualTo(second.contentHash());
        assertThat(done.thumbnails()).hasSize(5)
                .allSatisfy(t -> assertThat(dir.resolve("storage").resolve(t.storagePath())).isNotEmptyFile());
        assertThat(retry.waiting()).isZero();
    }

    @Test
    void aRootStillOutOfReachAfterTheRetryIsReportedAsAFailureWithItsReason() throws Exception {
        Files.move(library, dir.resolve("unmounted"));
        IoRetry retry = new IoRetry(Duration.ofMillis(100), Duration.ofMillis(10), Duration.ofMillis(20));

        RootUnavailableException stillOut = (RootUnavailableException) org.assertj.core.api.Assertions
                .catchThrowable(() -> retry.run("item", () -> service.process(first)));
        ProcessingFailed failed = (ProcessingFailed) service.rootStayedUnavailable(first, stillOut);

        assertThat(failed.contentHash()).isEqualTo(first.contentHash());
        assertThat(failed.location()).isEqualTo(first.location());
        assertThat(failed.stage()).isEqualTo(ProcessingStage.THUMBNAIL);
        assertThat(failed.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failed.reason()).isEqualTo("The library root 'test' stayed unavailable (not mounted, unreadable or"
                + " empty); retry once it is back.");
    }

    private MediaIndexed indexed(Path photo) throws Exception {
        return MediaIndexed.of(ContentHash.of(photo), new FileLocation("test",
                library.relativize(photo).toString()), MediaKind.IMAGE, "image/jpeg", 320, 240, 1, null, null);
    }
}
