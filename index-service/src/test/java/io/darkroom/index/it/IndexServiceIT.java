package io.darkroom.index.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.events.DarkroomEvent;
import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileEvent;
import io.darkroom.events.FileLocation;
import io.darkroom.events.FileMoved;
import io.darkroom.events.ItemMarkRequested;
import io.darkroom.events.FileRemoved;
import io.darkroom.events.MediaIndexed;
import io.darkroom.events.ProcessingFailed;
import io.darkroom.events.Thumbnail;
import io.darkroom.events.ThumbnailsGenerated;
import io.darkroom.events.Topics;
import io.darkroom.index.persistence.LocationHash;
import io.darkroom.localstack.LocalStackResource;
import io.darkroom.platform.testing.ExifData;
import io.darkroom.platform.testing.JpegFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * index-service against real Kafka and real MariaDB (the local stack): records go in on the topics, the
 * catalog rows and the announcements come out.
 */
@QuarkusTest
@TestProfile(LibraryRootProfile.class)
@WithTestResource(LocalStackResource.class)
class IndexServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ItStack stack;

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @TestHTTPResource("/q/health/ready")
    URI readiness;

    @Inject
    ObjectMapper mapper;

    private KafkaCompanion companion;
    private EventTraffic traffic;
    private ConsumerTask<String, String> indexed;
    private ConsumerTask<String, String> failed;
    private ConsumerTask<String, String> deadLetters;

    @BeforeEach
    void listen() {
        companion = stack.companion();
        traffic = stack.traffic(companion, WAIT);
        indexed = companion.consumeStrings().fromTopics(Topics.MEDIA_INDEXED);
        failed = companion.consumeStrings().fromTopics(Topics.PROCESSING_FAILED);
        deadLetters = companion.consumeStrings().fromTopics(Topics.deadLetter(Topics.FILES));
    }

    @AfterEach
    void close() {
        indexed.stop();
        failed.stop();
        deadLetters.stop();
        companion.close();
    }

    @Test
    void aDiscoveredJpegIsCataloguedAndAnnounced() throws Exception {
        ExifData exif = ExifData.takenAt(LocalDateTime.of(2019, 12, 20, 17, 8, 32))
                .withSubSec("123").withOffset(ZoneOffset.ofHours(1)).withOrientation(6);
        FileDiscovered event = discovered(JpegFixtures.write(file("2019/IMG_0001.jpg"), 64, 48, exif));

        send(event);

        MediaIndexed announced = awaitEvent(indexed, event.contentHash(), MediaIndexed.class);
        assertThat(announced.location()).isEqualTo(event.location());
        assertThat(announced.width()).isEqualTo(64);
        assertThat(announced.orientation()).isEqualTo(6);
        assertThat(announced.takenAt()).isEqualTo("2019-12-20T16:08:32.123Z");
        Map<String, Object> row = awaitRow(event.location(), "INDEXED");
        assertThat(row).containsEntry("width", 64).containsEntry("height", 48).containsEntry("kind", "IMAGE")
                .containsEntry("mime_type", "image/jpeg").containsEntry("taken_at_source", "EXIF")
                .containsEntry("thumbnail_status", "PENDING").containsEntry("content_hash", event.contentHash())
                .containsEntry("file_name", "IMG_0001.jpg");
        assertThat(row.get("taken_at")).isEqualTo(LocalDateTime.parse("2019-12-20T16:08:32.123"));
        assertThat(row.get("transcode_status")).isNull();

        String prometheus = get(metrics);
        assertThat(prometheus).contains("darkroom_index_files_indexed_total").contains("darkroom_index_extraction_seconds");
        assertThat(get(readiness)).contains("\"status\": \"UP\"");
    }

    @Test
    void anEmptyFileIsRecordedAsFailedWithItsReasonAndAnnounced() throws Exception {
        FileDiscovered event = discovered(JpegFixtures.writeEmpty(file("broken/empty.jpg")));

        send(event);

        Map<String, Object> row = awaitRow(event.location(), "FAILED");
        assertThat(row).containsEntry("failure_kind", "EMPTY").containsEntry("failure_stage", "INDEX")
                .containsEntry("failure_reason", "The file is empty (0 bytes)");
        ProcessingFailed announced = awaitEvent(failed, event.contentHash(), ProcessingFailed.class);
        assertThat(announced.location()).isEqualTo(event.location());
        assertThat(announced.reason()).isEqualTo("The file is empty (0 bytes)");
    }

    @Test
    void aTruncatedJpegIsCorrupt() throws Exception {
        FileDiscovered event = discovered(JpegFixtures.writeTruncated(file("broken/cut.jpg"), 64, 48, ExifData.NONE));

        send(event);

        Map<String, Object> row = awaitRow(event.location(), "FAILED");
        assertThat(row).containsEntry("failure_kind", "CORRUPT");
        assertThat((String) row.get("failure_reason")).contains("truncated");
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillIndexed() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.FILES, key, "{this is not json"));
        FileDiscovered good = discovered(JpegFixtures.write(file("after-poison/IMG_0002.jpg"), 32, 32, ExifData.NONE));
        send(good);

        await().atMost(WAIT).until(() -> deadLetters.getRecords().stream().anyMatch(r -> key.equals(r.key())));
        ConsumerRecord<String, String> dead = deadLetters.getRecords().stream()
                .filter(r -> key.equals(r.key())).findFirst().orElseThrow();
        assertThat(dead.value()).isEqualTo("{this is not json");
        assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("Not a valid FileEvent");
        awaitRow(good.location(), "INDEXED");
    }

    @Test
    void theSameEventTwiceMakesOneRowAndIsAnnouncedAgain() throws Exception {
        FileDiscovered event = discovered(JpegFixtures.write(file("twice/IMG_0003.jpg"), 40, 30, ExifData.NONE));

        send(event);
        awaitRow(event.location(), "INDEXED");
        send(event);

        await().atMost(WAIT).until(() -> EventTraffic.withKey(indexed, event.contentHash()).size() >= 2);
        assertThat(count("SELECT COUNT(*) FROM media_item WHERE location_hash = ?", LocationHash.of(event.location())))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", event.eventId().toString()))
                .isEqualTo(1);
    }

    @Test
    void aMovedItemKeepsItsIdThenARemovedOneIsMissing() throws Exception {
        Path original = JpegFixtures.write(file("move/IMG_0004.jpg"), 20, 20, ExifData.NONE);
        FileDiscovered event = discovered(original);
        send(event);
        long id = ((Number) awaitRow(event.location(), "INDEXED").get("id")).longValue();

        Path moved = file("moved/IMG_0004.jpg");
        Files.createDirectories(moved.getParent());
        Files.move(original, moved);
        FileLocation to = location(moved);
        send(FileMoved.of(event.location(), to, event.contentHash(), event.sizeBytes(), event.modifiedAt()));
        await().atMost(WAIT).until(() -> row(to) != null);
        assertThat(((Number) row(to).get("id")).longValue()).isEqualTo(id);
        assertThat(row(event.location())).isNull();

        send(FileRemoved.of(to, event.contentHash()));
        awaitRow(to, "MISSING");
    }

    @Test
    void aFileEventOlderThanTheLastAppliedOneIsIgnored() throws Exception {
        FileDiscovered event = discovered(JpegFixtures.write(file("late/IMG_0006.jpg"), 16, 16, ExifData.NONE));
        send(event);
        awaitRow(event.location(), "INDEXED");

        send(new FileRemoved(UUID.randomUUID(), event.occurredAt().minusSeconds(3600), 1, event.location(),
                event.contentHash()));
        // Same key, same partition, handled in order: once this marker is dead-lettered the late event is done.
        companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.FILES, event.key(), "marker"));
        await().atMost(WAIT).until(() -> deadLetters.getRecords().stream()
                .anyMatch(r -> event.key().equals(r.key()) && "marker".equals(r.value())));

        assertThat(row(event.location())).containsEntry("status", "INDEXED");
    }

    @Test
    void generatedThumbnailsAreRecordedOnTheItem() throws Exception {
        FileDiscovered event = discovered(JpegFixtures.write(file("thumbs/IMG_0005.jpg"), 24, 24, ExifData.NONE));
        send(event);
        awaitRow(event.location(), "INDEXED");

        String path = event.contentHash().substring(0, 2) + "/" + event.contentHash().substring(2, 4) + "/"
                + event.contentHash() + "/small.webp";
        ThumbnailsGenerated thumbnails = ThumbnailsGenerated.of(event.contentHash(),
                List.of(new Thumbnail("small", 24, 24, "webp", path)));
        companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.THUMBNAILS_GENERATED,
                thumbnails.key(), mapper.writeValueAsString(thumbnails)));

        await().atMost(WAIT).until(() -> "DONE".equals(row(event.location()).get("thumbnail_status")));
        assertThat(count("SELECT COUNT(*) FROM media_thumbnail WHERE content_hash = ?", event.contentHash()))
                .isEqualTo(1);
    }

    @Test
    void theFamilysMarksAreSetInOrderAndSurviveAMove() throws Exception {
        Path original = JpegFixtures.write(file("marks/IMG_0007.jpg"), 16, 16, ExifData.NONE);
        FileDiscovered event = discovered(original);
        send(event);
        long id = ((Number) awaitRow(event.location(), "INDEXED").get("id")).longValue();

        mark(ItemMarkRequested.of(id, true, null, "test"));
        mark(ItemMarkRequested.of(id, null, true, "test"));
        ItemMarkRequested unfavourite = ItemMarkRequested.of(id, false, null, "test");
        mark(unfavourite);
        mark(unfavourite); // delivered twice: applied once, same result
        mark(ItemMarkRequested.of(id, true, null, "test"));
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM processed_event WHERE event_id = ?",
                unfavourite.eventId().toString()) == 1 && isTrue(row(event.location()).get("favourite")));
        assertThat(isTrue(row(event.location()).get("archived"))).isTrue();

        Path moved = file("marks-moved/IMG_0007.jpg");
        Files.createDirectories(moved.getParent());
        Files.move(original, moved);
        FileLocation to = location(moved);
        send(FileMoved.of(event.location(), to, event.contentHash(), event.sizeBytes(), event.modifiedAt()));
        await().atMost(WAIT).until(() -> row(to) != null);
        assertThat(isTrue(row(to).get("favourite"))).isTrue();
        assertThat(isTrue(row(to).get("archived"))).isTrue();

        mark(ItemMarkRequested.of(987_654_321L, true, null, "test")); // purged meanwhile: nothing to mark, no failure
    }

    // ------------------------------------------------------------------ helpers

    private void mark(ItemMarkRequested command) throws Exception {
        companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.ITEM_MARKS, command.key(),
                mapper.writeValueAsString(command))).awaitCompletion();
    }

    private static boolean isTrue(Object column) {
        return column instanceof Boolean b ? b : column instanceof Number n && n.intValue() != 0;
    }

    private static Path file(String relative) {
        return LibraryRootProfile.LIBRARY.file("it", relative);
    }

    private static FileLocation location(Path file) {
        return LibraryRootProfile.LIBRARY.location(file);
    }

    private static FileDiscovered discovered(Path file) throws Exception {
        return LibraryRootProfile.LIBRARY.discovered(file);
    }

    private void send(FileEvent event) throws Exception {
        traffic.send(event);
    }

    private <T extends DarkroomEvent> T awaitEvent(ConsumerTask<String, String> task, String key, Class<T> type)
            throws Exception {
        return traffic.awaitOne(task, key, type);
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

    private long count(String sql, Object parameter) throws Exception {
        return catalog().count(sql, parameter);
    }

    private static String get(URI uri) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
