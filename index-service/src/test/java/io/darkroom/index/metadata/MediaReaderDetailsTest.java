package io.darkroom.index.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.events.MediaKind;
import io.darkroom.index.domain.Extraction;
import io.darkroom.index.domain.MediaDetails;
import io.darkroom.index.domain.MediaFacts;
import io.darkroom.index.domain.TakenAtResolver;
import io.darkroom.index.domain.TakenAtSource;
import io.darkroom.platform.testing.ExifData;
import io.darkroom.platform.testing.JpegFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The normalised metadata beyond the essentials: camera, exposure, validated GPS, XMP text, sidecars. */
class MediaReaderDetailsTest {

    private static final MediaReader READER = new MediaReader(new TakenAtResolver(ZoneId.of("UTC")));

    @TempDir
    Path dir;

    @Test
    void cameraExposureAndGpsAreReadAndTheMakeIsNormalised() {
        Path file = new ExifFixture().make("NIKON CORPORATION").model("NIKON D5000").orientation(8)
                .takenAt("2011:03:12 15:36:11", "+02:00").exposure(1, 200, 7.1, 200, 18).lens("18-55mm f/3.5-5.6")
                .gps(-33.8568, 151.2153, 58.5).write(dir.resolve("DSC_0001.JPG"), 64, 48);

        MediaFacts facts = readable(file);
        MediaDetails d = facts.details();

        assertThat(d.make()).isEqualTo("Nikon");
        assertThat(d.model()).isEqualTo("NIKON D5000");
        assertThat(d.lens()).isEqualTo("18-55mm f/3.5-5.6");
        assertThat(d.exposureSeconds()).isEqualTo(0.005);
        assertThat(d.fNumber()).isEqualTo(7.1);
        assertThat(d.iso()).isEqualTo(200);
        assertThat(d.focalLengthMm()).isEqualTo(18.0);
        assertThat(d.gps().latitude()).isCloseTo(-33.8568, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(d.gps().longitude()).isCloseTo(151.2153, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(d.gps().altitude()).isEqualTo(58.5);
        assertThat(facts.orientation()).isEqualTo(8);
        assertThat(facts.displayedWidth()).isEqualTo(48);
        assertThat(facts.takenAt().source()).isEqualTo(TakenAtSource.EXIF);
        assertThat(facts.takenAt().offset()).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(facts.takenAt().instant()).isEqualTo(Instant.parse("2011-03-12T13:36:11Z"));
    }

    @Test
    void gpsAtZeroZeroIsDroppedAndAnImplausibleAltitudeIsNotKept() {
        Path nowhere = new ExifFixture().make("Canon").gps(0, 0, 10.0).write(dir.resolve("a.jpg"), 16, 16);
        Path underflow = new ExifFixture().make("Canon").gps(52.5, 13.4, 4294967284.0).write(dir.resolve("b.jpg"), 16, 16);

        assertThat(readable(nowhere).details().gps()).isNull();
        assertThat(readable(underflow).details().gps().latitude()).isCloseTo(52.5, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(readable(underflow).details().gps().altitude()).isNull();
    }

    @Test
    void titleDescriptionKeywordsAndRatingComeFromEmbeddedXmpAndASidecarWins() throws Exception {
        String body = "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Harbour</rdf:li></rdf:Alt></dc:title>"
                + "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">Boats at dusk</rdf:li></rdf:Alt></dc:description>"
                + "<dc:subject><rdf:Bag><rdf:li>boats</rdf:li><rdf:li>sea</rdf:li></rdf:Bag></dc:subject>"
                + "<xmp:Rating>4</xmp:Rating>";
        Path file = new ExifFixture().make("Apple").xmp(body).write(dir.resolve("IMG_0001.JPG"), 16, 16);

        MediaDetails embedded = readable(file).details();
        assertThat(embedded.title()).isEqualTo("Harbour");
        assertThat(embedded.description()).isEqualTo("Boats at dusk");
        assertThat(embedded.keywords()).containsExactly("boats", "sea");
        assertThat(embedded.rating()).isEqualTo(4);

        Files.writeString(dir.resolve("IMG_0001.xmp"), "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF"
                + " xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\""
                + " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:Rating=\"5\"/></rdf:RDF></x:xmpmeta>");
        MediaDetails withSidecar = readable(file).details();
        assertThat(withSidecar.rating()).isEqualTo(5);
        assertThat(withSidecar.title()).isEqualTo("Harbour");
    }

    @Test
    void anXmpSidecarIsCataloguedAsASidecarWithItsDates() throws Exception {
        Path sidecar = Files.writeString(dir.resolve("DSC_0002.NEF.xmp"), "<?xpacket begin=\"\"?><x:xmpmeta"
                + " xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:exif=\"http://ns.adobe.com/exif/1.0/\""
                + " exif:DateTimeOriginal=\"2005-06-09T20:09:27+02:00\"/></rdf:RDF></x:xmpmeta>");

        MediaFacts facts = readable(sidecar);

        assertThat(facts.kind()).isEqualTo(MediaKind.SIDECAR);
        assertThat(facts.takenAt().source()).isEqualTo(TakenAtSource.XMP);
        assertThat(facts.takenAt().instant()).isEqualTo(Instant.parse("2005-06-09T18:09:27Z"));
    }

    @Test
    void aTruncatedJpegIsFlaggedButKeepsWhatItsHeaderSays() {
        Path file = JpegFixtures.writeTruncated(dir.resolve("cut.jpg"), 64, 48,
                ExifData.takenAt(java.time.LocalDateTime.of(2020, 1, 2, 3, 4, 5)).withOrientation(3));

        Extraction result = READER.read(file, "cut.jpg");

        assertThat(result).isInstanceOf(Extraction.Unreadable.class);
        MediaFacts known = ((Extraction.Unreadable) result).known();
        assertThat(known.kind()).isEqualTo(MediaKind.IMAGE);
        assertThat(known.mimeType()).isEqualTo("image/jpeg");
        assertThat(known.width()).isEqualTo(64);
        assertThat(known.orientation()).isEqualTo(3);
        assertThat(known.takenAt().instant()).isEqualTo(Instant.parse("2020-01-02T03:04:05Z"));
    }

    @Test
    void aParserThatWouldReadMoreThanTheCapIsTooLarge() {
        Path file = new ExifFixture().make("Canon").write(dir.resolve("big.jpg"), 256, 256);

        Extraction result = new MediaReader(new TakenAtResolver(ZoneId.of("UTC")), 64).read(file, "big.jpg");

        assertThat(result).isInstanceOf(Extraction.Unreadable.class);
        assertThat(((Extraction.Unreadable) result).failure().kind()).isEqualTo(io.darkroom.events.FailureKind.TOO_LARGE);
        assertThat(((Extraction.Unreadable) result).failure().reason()).contains("more than");
    }

    private static MediaFacts readable(Path file) {
        Extraction result = READER.read(file, file.getFileName().toString());
        assertThat(result).isInstanceOf(Extraction.Readable.class);
        return ((Extraction.Readable) result).facts();
    }
}
