package io.darkroom.index.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.events.FailureKind;
import io.darkroom.events.MediaKind;
import io.darkroom.index.domain.Extraction;
import io.darkroom.index.domain.MediaFacts;
import io.darkroom.index.domain.TakenAtResolver;
import io.darkroom.index.domain.TakenAtSource;
import io.darkroom.platform.testing.ExifData;
import io.darkroom.platform.testing.JpegFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaReaderTest {

    private static final MediaReader READER = new MediaReader(new TakenAtResolver(ZoneId.of("UTC")));

    @TempDir
    Path dir;

    @Test
    void readsSizeOrientationAndTheExifTimeWithSubSecondsAndOffset() {
        ExifData exif = ExifData.takenAt(LocalDateTime.of(2019, 12, 20, 17, 8, 32))
                .withSubSec("123").withOffset(ZoneOffset.ofHours(1)).withOrientation(6);
        Path file = JpegFixtures.write(dir.resolve("photo.jpg"), 64, 48, exif);

        MediaFacts facts = readable(file);

        assertThat(facts.kind()).isEqualTo(MediaKind.IMAGE);
        assertThat(facts.mimeType()).isEqualTo("image/jpeg");
        assertThat(facts.width()).isEqualTo(64);
        assertThat(facts.height()).isEqualTo(48);
        assertThat(facts.orientation()).isEqualTo(6);
        assertThat(facts.displayedWidth()).isEqualTo(48);
        assertThat(facts.displayedHeight()).isEqualTo(64);
        assertThat(facts.takenAt().source()).isEqualTo(TakenAtSource.EXIF);
        assertThat(facts.takenAt().instant()).isEqualTo(Instant.parse("2019-12-20T16:08:32.123Z"));
    }

    @Test
    void exifWithoutOffsetIsReadInTheDefaultZone() {
        Path file = JpegFixtures.write(dir.resolve("a.jpg"), 32, 32,
                ExifData.takenAt(LocalDateTime.of(2020, 1, 2, 3, 4, 5)));

        MediaFacts facts = new MediaReader(new TakenAtResolver(ZoneId.of("Europe/Berlin"))).read(file, "a.jpg") instanceof
                Extraction.Readable r ? r.facts() : null;

        assertThat(facts).isNotNull();
        assertThat(facts.takenAt().instant()).isEqualTo(Instant.parse("2020-01-02T02:04:05Z"));
        assertThat(facts.orientation()).isNull();
    }

    @Test
    void withoutExifTheFileNameDateWinsThenTheModificationTime() throws Exception {
        Path named = JpegFixtures.write(dir.resolve("IMG_20191220_170832.jpg"), 16, 16, ExifData.NONE);
        Path plain = JpegFixtures.write(dir.resolve("holiday.jpg"), 16, 16, ExifData.NONE);
        Files.setLastModifiedTime(plain, FileTime.from(Instant.parse("2018-05-06T07:08:09Z")));

        assertThat(readable(named).takenAt().source()).isEqualTo(TakenAtSource.FILE_NAME);
        assertThat(readable(named).takenAt().instant()).isEqualTo(Instant.parse("2019-12-20T17:08:32Z"));
        assertThat(readable(plain).takenAt().source()).isEqualTo(TakenAtSource.FILE_MTIME);
        assertThat(readable(plain).takenAt().instant()).isEqualTo(Instant.parse("2018-05-06T07:08:09Z"));
    }

    @Test
    void aZeroByteFileIsEmpty() {
        Path file = JpegFixtures.writeEmpty(dir.resolve("empty.jpg"));

        Extraction.Unreadable result = unreadable(file);

        assertThat(result.failure().kind()).isEqualTo(FailureKind.EMPTY);
        assertThat(result.failure().reason()).isEqualTo("The file is empty (0 bytes)");
    }

    @Test
    void aTruncatedJpegIsCorrupt() {
        Path file = JpegFixtures.writeTruncated(dir.resolve("cut.jpg"), 64, 48, ExifData.NONE);

        Extraction.Unreadable result = unreadable(file);

        assertThat(result.failure().kind()).isEqualTo(FailureKind.CORRUPT);
        assertThat(result.failure().reason()).contains("truncated").contains("image/jpeg");
    }

    @Test
    void noiseBehindAJpegSignatureIsCorrupt() {
        Path file = JpegFixtures.writeCorrupt(dir.resolve("noise.jpg"), 4096, 42);

        assertThat(unreadable(file).failure().kind()).isEqualTo(FailureKind.CORRUPT);
    }

    @Test
    void aTextFileIsUnsupportedWhateverItsName() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "shopping list: film, fixer\n");

        Extraction.Unreadable result = unreadable(file);

        assertThat(result.failure().kind()).isEqualTo(FailureKind.UNSUPPORTED);
        assertThat(result.failure().reason()).contains("text/plain");
    }

    @Test
    void aFileThatIsGoneHasVanished() {
        assertThat(READER.read(dir.resolve("gone.jpg"), "gone.jpg")).isInstanceOf(Extraction.Vanished.class);
    }

    private static MediaFacts readable(Path file) {
        Extraction result = READER.read(file, file.getFileName().toString());
        assertThat(result).isInstanceOf(Extraction.Readable.class);
        return ((Extraction.Readable) result).facts();
    }

    private static Extraction.Unreadable unreadable(Path file) {
        Extraction result = READER.read(file, file.getFileName().toString());
        assertThat(result).isInstanceOf(Extraction.Unreadable.class);
        return (Extraction.Unreadable) result;
    }
}
