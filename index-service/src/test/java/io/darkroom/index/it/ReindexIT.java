package io.darkroom.index.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.events.FileDiscovered;
import io.darkroom.events.MediaIndexed;
import io.darkroom.events.ProcessingFailed;
import io.darkroom.events.ReindexRequested;
import io.darkroom.events.Thumbnail;
import io.darkroom.events.ThumbnailsGenerated;
import io.darkroom.events.Topics;
import io.darkroom.localstack.LocalStackResource;
import io.darkroom.platform.storage.ContentHash;
import io.darkroom.platform.testing.ExifData;
import io.darkroom.platform.testing.JpegFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin's re-index / retry ({@code media.reindex.requested.v1}) against real Kafka and MariaDB: the item's file
 * is read again where it is now, the catalog records what was found, and the item is announced again.
 */
@QuarkusTest
@TestProfile(LibraryRootProfile.class)
@WithTestResource(LocalStackResource.class)
class ReindexIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final java.util.Random RANDOM = new java.security.SecureRandom();

    @Inject
    ItStack stack;

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
        deadLetters = companion.consumeStrings().fromTopics(Topics.deadLetter(Topics.REINDEX_REQUESTED));
    }

    @AfterEach
    void close() {
        indexed.stop();
        failed.stop();
        deadLetters.stop();
        companion.close();
    }

    @Test
    void aFailedItemIsRetriedAndSucceedsOnceItsFileIsFixed() throws Exception {
        Path file = JpegFixtures.writeTruncated(file("retry/IMG_0100.jpg"), 72, 40, unique());
        FileDiscovered broken = discovered(file);
        traffic.send(broken);
        long id = CatalogRows.id(catalog().awaitRow(broken.location(), "FAILED", WAIT));

        JpegFixtures.write(file, 72, 40, unique()); // the family copied the photo again, whole this time
        String fixed = ContentHash.of(file);
        ReindexRequested retry = ReindexRequested.of(id, "admin");
        traffic.send(Topics.REINDEX_REQUESTED, retry);

        Map<String, Object> row = catalog().awaitRow(broken.location(), "INDEXED", WAIT);
        assertThat(CatalogRows.id(row)).isEqualTo(id);
        assertThat(row).containsEntry("content_hash", fixed).containsEntry("width", 72)
                .containsEntry("thumbnail_status", "PENDING").containsEntry("size_bytes", Files.size(file));
        assertThat(row.get("failure_reason")).isNull();
        assertThat(row.get("failure_kind")).isNull();
        MediaIndexed announced = traffic.awaitOne(indexed, fixed, MediaIndexed.class);
        assertThat(announced.location()).isEqualTo(broken.location());
        assertThat(announced.width()).isEqualTo(72);
        assertThat(announced.redoRequested()).as("a retry makes what failed; done work is reused").isFalse();
        assertThat(catalog().processed(retry.eventId())).isEqualTo(1);
    }

    @Test
    void aRetryWhoseFileStillFailsRecordsTheNewReason() throws Exception {
        Path file = file("still-broken/IMG_0101.jpg");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "not a photo " + UUID.randomUUID(), StandardCharsets.UTF_8);
        FileDiscovered event = discovered(file);
        traffic.send(event);
        long id = CatalogRows.id(catalog().awaitRow(event.location(), "FAILED", WAIT));
        assertThat((String) catalog().row(event.location()).get("failure_reason")).contains("text/plain");

        JpegFixtures.writeTruncated(file, 50, 30, unique());
        String now = ContentHash.of(file);
        traffic.send(Topics.REINDEX_REQUESTED, ReindexRequested.of(id, "admin"));

        await().atMost(WAIT).until(() -> now.equals(catalog().row(event.location()).get("content_hash")));
        Map<String, Object> row = catalog().row(event.location());
        assertThat(row).containsEntry("status", "FAILED").containsEntry("failure_kind", "CORRUPT")
                .containsEntry("failure_stage", "INDEX");
        assertThat((String) row.get("failure_reason")).contains("truncated").doesNotContain("text/plain");
        ProcessingFailed announced = traffic.awaitOne(failed, now, ProcessingFailed.class);
        assertThat(announced.reason()).isEqualTo(row.get("failure_reason"));
    }

    @Test
    void aDoneItemIsRedoneOnceAndItsWorkersAskedToReplaceTheirFiles() throws Exception {
        FileDiscovered event = discovered(JpegFixtures.write(file("redo/IMG_0102.jpg"), 33, 21, unique()));
        traffic.send(event);
        long id = CatalogRows.id(catalog().awaitRow(event.location(), "INDEXED", WAIT));
        ThumbnailsGenerated made = ThumbnailsGenerated.of(event.contentHash(), List.of(new Thumbnail("tile-224", 224,
                224, "jpeg", event.contentHash().substring(0, 2) + "/x/tile-224.jpg")));
        companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.THUMBNAILS_GENERATED, made.key(),
                mapper.writeValueAsString(made))).awaitCompletion(WAIT);
        await().atMost(WAIT).until(() -> "DONE".equals(catalog().row(event.location()).get("thumbnail_status")));
        int before = EventTraffic.withKey(indexed, event.contentHash()).size();

        ReindexRequested redo = ReindexRequested.of(id, "admin");
        traffic.send(Topics.REINDEX_REQUESTED, redo);

        await().atMost(WAIT).until(() -> EventTraffic.withKey(indexed, event.contentHash()).size() > before);
        MediaIndexed announced = mapper.readValue(
                EventTraffic.withKey(indexed, event.contentHash()).get(before).value(),
                MediaIndexed.class);
        assertThat(announced.redoRequested()).isTrue();
        assertThat(catalog().row(event.location())).containsEntry("thumbnail_status", "PENDING")
                .containsEntry("status", "INDEXED").containsEntry("content_hash", event.contentHash());

        traffic.send(Topics.REINDEX_REQUESTED, redo); // delivered twice: recorded once, announced again
        await().atMost(WAIT)
                .until(() -> EventTraffic.withKey(indexed, event.contentHash()).size() > before + 1);
        assertThat(catalog().processed(redo.eventId())).isEqualTo(1);
    }

    @Test
    void aCommandForAnUnknownItemChangesNothingAndAPoisonCommandIsDeadLettered() throws Exception {
        ReindexRequested unknown = ReindexRequested.of(987_654_321L, "admin");
        traffic.send(Topics.REINDEX_REQUESTED, unknown);
        String key = "poison-" + UUID.randomUUID();
        companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.REINDEX_REQUESTED, key, "{not json"))
                .awaitCompletion(WAIT);

        await().atMost(WAIT).until(() -> deadLetters.getRecords().stream().anyMatch(r -> key.equals(r.key())));
        await().atMost(WAIT).until(() -> catalog().processed(unknown.eventId()) == 1);
        assertThat(deadLetters.getRecords()).noneMatch(r -> unknown.key().equals(r.key()));
    }

    // ------------------------------------------------------------------ helpers

    /** EXIF that makes each fixture's content (and so its Kafka key) its own, whatever other tests wrote. */
    private static ExifData unique() {
        return ExifData.takenAt(LocalDateTime.of(2000, 1, 1, 0, 0).plusSeconds(RANDOM.nextInt(600_000_000)));
    }

    private static Path file(String relative) {
        return LibraryRootProfile.LIBRARY.file("re", relative);
    }

    private static FileDiscovered discovered(Path file) throws Exception {
        return LibraryRootProfile.LIBRARY.discovered(file);
    }

    private CatalogRows catalog() {
        return stack.catalog();
    }

}
