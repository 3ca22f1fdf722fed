package io.darkroom.thumbnail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.darkroom.events.DarkroomEvent;
import io.darkroom.events.FileLocation;
import io.darkroom.events.MediaIndexed;
import io.darkroom.events.MediaKind;
import io.darkroom.events.ThumbnailRequested;
import io.darkroom.events.ThumbnailsGenerated;
import io.darkroom.platform.storage.ContentHash;
import io.darkroom.platform.testing.ExifData;
import io.darkroom.platform.testing.JpegFixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's side of on-demand sizes, without Kafka: made once from the original, then announced from disk; and
 * of the standard set, whose files on disk are kept unless an admin's re-index asks for them again.
 */
class OnDemandThumbnailTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @Test
    void aRequestedSizeIsMadeUprightFromTheOriginalAndARepeatIsAnnouncedFromDiskWithoutADecode() throws Exception {
        ThumbnailService service = service(Duration.ofSeconds(60));
        Path photo = JpegFixtures.write(dir.resolve("library/portrait.jpg"), 4000, 3000,
                ExifData.NONE.withOrientation(6));
        ThumbnailRequested request = request(photo, "fit-2560", 6);

        ThumbnailsGenerated made = (ThumbnailsGenerated) service.make(request).orElseThrow();

        assertThat(made.contentHash()).isEqualTo(request.contentHash());
        assertThat(made.thumbnails()).singleElement().satisfies(t -> {
            assertThat(t.size()).isEqualTo("fit-2560");
            assertThat(t.width() + "x" + t.height()).isEqualTo("1920x2560"); // turned upright
            assertThat(dir.resolve("storage").resolve(t.storagePath())).isRegularFile();
        });
        Path file = dir.resolve("storage").resolve(made.thumbnails().get(0).storagePath());
        FileTime written = Files.getLastModifiedTime(file);
        Files.delete(photo); // a second decode could not read it

        Optional<DarkroomEvent> again = service.make(request(photo, "fit-2560", 6, request.contentHash()));

        assertThat(((ThumbnailsGenerated) again.orElseThrow()).thumbnails()).isEqualTo(made.thumbnails());
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);
        assertThat(count("made")).isEqualTo(1);
        assertThat(count("on-disk")).isEqualTo(1);
    }

    @Test
    void aSizeThatIsNotOnDemandIsRefusedAsAnInvalidCommand() throws Exception {
        ThumbnailService service = service(Duration.ofSeconds(60));
        Path photo = JpegFixtures.write(dir.resolve("library/small.jpg"), 300, 200, ExifData.NONE);

        assertThatThrownBy(() -> service.make(request(photo, "fit-1920", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fit-1920");
    }

    @Test
    void aDecodePastTheDeadlineAnnouncesNothingAndIsCountedAsFailed() throws Exception {
        ThumbnailService service = service(Duration.ofMillis(1));
        Path photo = JpegFixtures.write(dir.resolve("library/big.jpg"), 6000, 4000, ExifData.NONE);

        assertThat(service.make(request(photo, "fit-3840", null))).isEmpty();
        assertThat(count("failed")).isEqualTo(1);
        assertThat(dir.resolve("storage")).satisfiesAnyOf(
                storage -> assertThat(storage).doesNotExist(),
                storage -> assertThat(Files.walk(storage).filter(Files::isRegularFile)).isEmpty());
    }

    @Test
    void theStandardSetKeepsFilesOnDiskUnlessARedoIsRequested() throws Exception {
        ThumbnailService service = service(Duration.ofSeconds(60));
        Path photo = JpegFixtures.write(dir.resolve("library/redo.jpg"), 800, 600, ExifData.NONE);
        MediaIndexed indexed = MediaIndexed.of(ContentHash.of(photo), new FileLocation("test", "redo.jpg"),
                MediaKind.IMAGE, "image/jpeg", 800, 600, 1, null, null);
        ThumbnailsGenerated made = (ThumbnailsGenerated) service.process(indexed).orElseThrow();
        Path tile = dir.resolve("storage").resolve(made.thumbnails().get(0).storagePath());
        byte[] good = Files.readAllBytes(tile);
        Files.write(tile, new byte[] {1, 2, 3}); // a bad tile from an older version

        service.process(indexed);
        assertThat(Files.readAllBytes(tile)).as("no redo asked: kept").containsExactly(1, 2, 3);

        ThumbnailsGenerated redone = (ThumbnailsGenerated) service.process(indexed.asRedo()).orElseThrow();

        assertThat(Files.readAllBytes(tile)).isEqualTo(good);
        assertThat(redone.thumbnails()).isEqualTo(made.thumbnails());
    }

    private double count(String outcome) {
        var counter = metrics.find("darkroom_thumbnail_on_demand").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private ThumbnailRequested request(Path photo, String size, Integer orientation) throws Exception {
        return request(photo, size, orientation, ContentHash.of(photo));
    }

    private ThumbnailRequested request(Path photo, String size, Integer orientation, String hash) {
        FileLocation location = new FileLocation("test", dir.resolve("library").relativize(photo).toString());
        return ThumbnailRequested.of(hash, size, location, MediaKind.IMAGE, orientation, null, null);
    }

    private ThumbnailService service(Duration deadline) {
        return TestServices.service(dir, deadline, metrics);
    }
}
