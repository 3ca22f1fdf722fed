package io.darkroom.index.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileEvent;
import io.darkroom.events.FileLocation;
import io.darkroom.events.MediaIndexed;
import io.darkroom.events.Topics;
import io.darkroom.index.metadata.ExifFixture;
import io.darkroom.index.metadata.MovieFixture;
import io.darkroom.index.persistence.LocationHash;
import io.darkroom.localstack.LocalStackResource;
import io.darkroom.platform.testing.ExifData;
import io.darkroom.platform.testing.JpegFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The V2 catalog columns on the local stack (real Kafka, real MariaDB): normalised camera, exposure, validated
 * GPS, the capture offset, the folder; a sidecar catalogued without work for the workers; a damaged file
 * catalogued with what its header says, and flagged.
 */
@QuarkusTest
@TestProfile(LibraryRootProfile.class)
@WithTestResource(LocalStackResource.class)
class CatalogMetadataIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ItStack stack;

    @Inject
    ObjectMapper mapper;

    private KafkaCompanion companion;
    private EventTraffic traffic;
    private ConsumerTask<String, String> indexed;

    @BeforeEach
    void listen() {
        companion = stack.companion();
        traffic = stack.traffic(companion, WAIT);
        indexed = companion.consumeStrings().fromTopics(Topics.MEDIA_INDEXED);
    }

    @AfterEach
    void close() {
        indexed.stop();
        companion.close();
    }

    @Test
    void normalisedCameraExposureGpsAndOffsetAreCatalogued() throws Exception {
        Path photo = new ExifFixture().make("NIKON CORPORATION").model("NIKON D5000").orientation(6)
                .takenAt("2011:03:12 15:36:11", "+02:00").exposure(1, 200, 7.1, 400, 18).lens("18-55mm")
                .gps(48.8887, 21.0432, 324.1).write(file("2011/DSC_0001.JPG"), 64, 48);
        FileDiscovered event = discovered(photo);

        send(event);

        Map<String, Object> row = awaitRow(event.location(), "INDEXED");
        assertThat(row).containsEntry("camera_make", "Nikon").containsEntry("camera_model", "NIKON D5000")
                .containsEntry("lens", "18-55mm").containsEntry("iso", 400).containsEntry("taken_at_zone", "+02:00")
                .containsEntry("taken_at_source", "EXIF");
        assertThat((BigDecimal) row.get("f_number")).isEqualByComparingTo("7.1");
        assertThat(((BigDecimal) row.get("gps_lat")).doubleValue()).isCloseTo(48.8887, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(((BigDecimal) row.get("gps_alt")).doubleValue()).isCloseTo(324.1, org.assertj.core.data.Offset.offset(0.01));
        assertThat(row.get("taken_at")).isEqualTo(LocalDateTime.parse("2011-03-12T13:36:11"));
        assertThat((byte[]) row.get("folder_hash")).isEqualTo(LocationHash.folder(event.location()));
        assertThat(row).containsEntry("group_key",
                io.darkroom.index.domain.GroupKey.of(event.location().root(), event.location().relativePath()));
        await().atMost(WAIT).until(() -> indexed.getRecords().stream().anyMatch(r -> event.contentHash().equals(r.key())));
        MediaIndexed announced = mapper.readValue(indexed.getRecords().stream()
                .filter(r -> event.contentHash().equals(r.key())).findFirst().orElseThrow().value(), MediaIndexed.class);
        assertThat(announced.orientation()).isEqualTo(6);
        assertThat(announced.width()).isEqualTo(64);
    }

    @Test
    void aSidecarIsCataloguedButNotAnnouncedToTheWorkers() throws Exception {
        Path sidecar = file("2005/DSC_0002.NEF.xmp");
        Files.createDirectories(sidecar.getParent());
        Files.writeString(sidecar, "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF"
                + " xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\""
                + " xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:DateTimeOriginal=\"2005-06-09T20:09:27+02:00\"/>"
                + "</rdf:RDF></x:xmpmeta>");
        FileDiscovered event = discovered(sidecar);
        Path photo = JpegFixtures.write(file("2005/IMG_0003.jpg"), 16, 16, ExifData.NONE);
        FileDiscovered after = discovered(photo);

        send(event);
        Map<String, Object> row = awaitRow(event.location(), "INDEXED");
        send(after);
        await().atMost(WAIT).until(() -> indexed.getRecords().stream().anyMatch(r -> after.contentHash().equals(r.key())));

        assertThat(row).containsEntry("kind", "SIDECAR").containsEntry("taken_at_source", "XMP");
        assertThat(row.get("thumbnail_status")).isNull();
        assertThat(indexed.getRecords().stream().noneMatch(r -> event.contentHash().equals(r.key()))).isTrue();
    }

    @Test
    void aTruncatedJpegIsFlaggedWithWhatItsHeaderSays() throws Exception {
        Path cut = JpegFixtures.writeTruncated(file("cut/IMG_0004.jpg"), 64, 48,
                ExifData.takenAt(LocalDateTime.of(2020, 1, 2, 3, 4, 5)));
        FileDiscovered event = discovered(cut);

        send(event);

        Map<String, Object> row = awaitRow(event.location(), "FAILED");
        assertThat(row).containsEntry("failure_kind", "CORRUPT").containsEntry("kind", "IMAGE")
                .containsEntry("mime_type", "image/jpeg").containsEntry("width", 64)
                .containsEntry("taken_at_source", "EXIF");
    }

    @Test
    void rawAndJpegStackBehindTheJpegAndALivePhotosMotionJoinsItsStillByContentIdentifier() throws Exception {
        Path folder = file("stacks");
        Path raw = new ExifFixture().make("NIKON CORPORATION").model("NIKON D5000")
                .writeTiff(folder.resolve("DSC_0010.NEF"), 64, 48);
        Path jpeg = new ExifFixture().make("NIKON CORPORATION").model("NIKON D5000")
                .write(folder.resolve("DSC_0010.JPG"), 64, 48);
        String identifier = "E905E6C6-C747-4805-942F-9904A0281F02";
        Path motion = new MovieFixture().contentIdentifier(identifier).write(folder.resolve("IMG_0100_motion.MOV"));
        Path still = new ExifFixture().make("Apple").model("iPhone 12").xmp("<apple-fi:ContentIdentifier"
                + " xmlns:apple-fi=\"http://ns.apple.com/faceinfo/1.0/\">" + identifier + "</apple-fi:ContentIdentifier>")
                .write(folder.resolve("IMG_0100.JPG"), 64, 48);
        FileDiscovered rawEvent = discovered(raw);
        FileDiscovered jpegEvent = discovered(jpeg);
        FileDiscovered motionEvent = discovered(motion);
        FileDiscovered stillEvent = discovered(still);

        send(rawEvent);
        awaitRow(rawEvent.location(), "INDEXED");
        send(jpegEvent);
        Map<String, Object> jpegRow = awaitRow(jpegEvent.location(), "INDEXED");
        send(motionEvent);
        awaitRow(motionEvent.location(), "INDEXED");
        send(stillEvent);
        Map<String, Object> stillRow = awaitRow(stillEvent.location(), "INDEXED");

        Map<String, Object> rawRow = row(rawEvent.location());
        assertThat(rawRow).containsEntry("kind", "RAW").containsEntry("group_key", jpegRow.get("group_key"));
        assertThat(rawRow.get("stack_primary")).isEqualTo(false);
        assertThat(row(jpegEvent.location()).get("stack_primary")).isEqualTo(true);
        Map<String, Object> motionRow = row(motionEvent.location());
        assertThat(motionRow).containsEntry("kind", "LIVE_PHOTO").containsEntry("content_identifier", identifier)
                .containsEntry("group_key", stillRow.get("group_key"));
        assertThat(motionRow.get("stack_primary")).isEqualTo(false);
        assertThat(stillRow).containsEntry("kind", "IMAGE").containsEntry("content_identifier", identifier);
        assertThat(stillRow.get("stack_primary")).isEqualTo(true);
    }

    // ------------------------------------------------------------------ helpers

    private static Path file(String relative) {
        return LibraryRootProfile.LIBRARY.file("meta", relative);
    }

    private static FileDiscovered discovered(Path file) throws Exception {
        return LibraryRootProfile.LIBRARY.discovered(file);
    }

    private void send(FileEvent event) throws Exception {
        traffic.send(event);
    }

    private Map<String, Object> awaitRow(FileLocation location, String status) throws Exception {
        return catalog().awaitRow(location, status, WAIT);
    }

    private Map<String, Object> row(FileLocation location) throws Exception {
        return catalog().row(location);
    }

    private CatalogRows catalog() {
        return stack.catalog();
    }
}
