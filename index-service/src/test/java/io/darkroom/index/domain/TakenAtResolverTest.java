package io.darkroom.index.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TakenAtResolverTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant MTIME = Instant.parse("2021-06-01T10:00:00Z");
    private final TakenAtResolver utc = new TakenAtResolver(ZoneId.of("UTC"), Clock.fixed(NOW, ZoneOffset.UTC));
    private final TakenAtResolver berlin = new TakenAtResolver(ZoneId.of("Europe/Berlin"),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void exifWithSubSecondsAndOffsetIsAnExactInstant() {
        TakenAt at = utc.resolve(exif("2019:12:20 17:08:32", "123", "+01:00")).orElseThrow();

        assertThat(at).isEqualTo(new TakenAt(Instant.parse("2019-12-20T16:08:32.123Z"), TakenAtSource.EXIF));
    }

    @Test
    void exifWithoutOffsetIsReadInTheDefaultZone() {
        assertThat(berlin.resolve(exif("2019:07:01 12:00:00", null, null)).orElseThrow().instant())
                .isEqualTo(Instant.parse("2019-07-01T10:00:00Z"));
    }

    @Test
    void aPlaceholderExifDateFallsThroughToTheNextSource() {
        TakenAt at = utc.resolve(new TakenAtEvidence("0000:00:00 00:00:00", null, null, null, null,
                "IMG_20191220_170832.jpg", MTIME)).orElseThrow();

        assertThat(at).isEqualTo(new TakenAt(Instant.parse("2019-12-20T17:08:32Z"), TakenAtSource.FILE_NAME));
    }

    @Test
    void anXmpCreateDateBeatsTheQuickTimeHeaderAndTheQuickTimeEpochIsIgnored() {
        Instant created = Instant.parse("2020-02-02T02:02:02Z");
        assertThat(utc.resolve(new TakenAtEvidence(null, null, null, created, null, null, MTIME)))
                .contains(new TakenAt(created, TakenAtSource.QUICKTIME));
        assertThat(utc.resolve(new TakenAtEvidence(null, null, null, created, "2010-01-01T00:00:00Z", null, MTIME)))
                .contains(new TakenAt(Instant.parse("2010-01-01T00:00:00Z"), TakenAtSource.XMP));
        assertThat(utc.resolve(new TakenAtEvidence(null, null, null, Instant.parse("1904-01-01T00:00:00Z"),
                "2010-01-01T00:00:00+02:00", null, MTIME)))
                .contains(new TakenAt(Instant.parse("2009-12-31T22:00:00Z"), TakenAtSource.XMP));
    }

    @Test
    void applesLocalCreationDateBeatsTheUtcMovieHeaderAndKeepsItsOffset() {
        TakenAt at = berlin.resolve(new TakenAtEvidence(null, null, null, Instant.parse("2019-12-20T16:08:33Z"), null,
                null, MTIME, null, null, null, null, "2019-12-20T17:08:32+0100", null)).orElseThrow();

        assertThat(at.source()).isEqualTo(TakenAtSource.APPLE_CREATION);
        assertThat(at.instant()).isEqualTo(Instant.parse("2019-12-20T16:08:32Z"));
        assertThat(at.offset()).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(at.local()).isEqualTo(java.time.LocalDateTime.of(2019, 12, 20, 17, 8, 32));
    }

    @Test
    void theQuickTimeHeaderIsUtcAndSaysSo() {
        TakenAt at = berlin.resolve(new TakenAtEvidence(null, null, null, Instant.parse("2019-12-20T16:08:33Z"), null,
                null, MTIME)).orElseThrow();

        assertThat(at.offset()).isEqualTo(ZoneOffset.UTC);
        assertThat(at.local()).isEqualTo(java.time.LocalDateTime.of(2019, 12, 20, 16, 8, 33));
    }

    @Test
    void xmpDateTimeOriginalBeatsExifCreateDateWhichBeatsXmpCreateDate() {
        TakenAtEvidence all = new TakenAtEvidence(null, null, null, null, "2003-03-03T03:03:03Z", null, MTIME,
                "2001-01-01T01:01:01.5-05:00", "2002:02:02 02:02:02", "25", "+02:00", null, "2004-04-04");
        assertThat(utc.resolve(all).orElseThrow())
                .isEqualTo(new TakenAt(Instant.parse("2001-01-01T06:01:01.5Z"), TakenAtSource.XMP));

        TakenAtEvidence noXmpOriginal = new TakenAtEvidence(null, null, null, null, "2003-03-03T03:03:03Z", null,
                MTIME, null, "2002:02:02 02:02:02", "25", "+02:00", null, "2004-04-04");
        assertThat(utc.resolve(noXmpOriginal).orElseThrow())
                .isEqualTo(new TakenAt(Instant.parse("2002-02-02T00:02:02.250Z"), TakenAtSource.EXIF));

        TakenAtEvidence dateOnly = new TakenAtEvidence(null, null, null, null, null, null, MTIME, null, null, null,
                null, null, "2004-04-04");
        assertThat(utc.resolve(dateOnly).orElseThrow())
                .isEqualTo(new TakenAt(Instant.parse("2004-04-04T00:00:00Z"), TakenAtSource.XMP));
    }

    @ParameterizedTest
    @CsvSource({
        "IMG_20191220_170832.jpg, 2019-12-20T17:08:32Z",
        "20191220_170832.mp4, 2019-12-20T17:08:32Z",
        "VID_20191220_170832.mp4, 2019-12-20T17:08:32Z",
        "PXL_20191220_170832123.jpg, 2019-12-20T17:08:32.123Z",
        "2019-12-20 17.08.32.jpg, 2019-12-20T17:08:32Z",
        "Screenshot_20191220-170832.png, 2019-12-20T17:08:32Z",
        "IMG-20191220-WA0001.jpg, 2019-12-20T12:00:00Z"
    })
    void datesInFileNames(String name, String expected) {
        assertThat(utc.resolve(TakenAtEvidence.fileOnly(name, MTIME)))
                .contains(new TakenAt(Instant.parse(expected), TakenAtSource.FILE_NAME));
    }

    @ParameterizedTest
    @CsvSource({"DSC01234.jpg", "IMG_99999999_999999.jpg", "holiday-2019.jpg"})
    void namesWithoutAValidDateFallBackToTheModificationTime(String name) {
        assertThat(utc.resolve(TakenAtEvidence.fileOnly(name, MTIME)))
                .contains(new TakenAt(MTIME, TakenAtSource.FILE_MTIME));
    }

    @Test
    void aDateInTheFutureIsNotBelieved() {
        assertThat(utc.resolve(new TakenAtEvidence("2030:01:01 00:00:00", null, null, null, null, null, MTIME)))
                .contains(new TakenAt(MTIME, TakenAtSource.FILE_MTIME));
    }

    @Test
    void nothingKnownIsEmpty() {
        assertThat(utc.resolve(TakenAtEvidence.fileOnly("x.jpg", null))).isEmpty();
    }

    private static TakenAtEvidence exif(String dateTime, String subSec, String offset) {
        return new TakenAtEvidence(dateTime, subSec, offset, null, null, "x.jpg", MTIME);
    }
}
