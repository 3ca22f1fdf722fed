package io.darkroom.index.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileEvent;
import io.darkroom.events.FileLocation;
import io.darkroom.events.FileMoved;
import io.darkroom.events.ProcessingFailed;
import io.darkroom.events.Topics;
import io.darkroom.index.messaging.IndexMetrics;
import io.darkroom.index.metadata.ExifFixture;
import io.darkroom.index.metadata.MovieFixture;
import io.darkroom.index.persistence.LocationHash;
import io.darkroom.localstack.LocalStackResource;
import io.darkroom.platform.storage.ContentHash;
import io.darkroom.platform.testing.ExifData;
import io.darkroom.platform.testing.JpegFixtures;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * File events consumed in batches (real Kafka, real MariaDB): a poll's events are written in one transaction, and
 * a batch with a corrupt file, duplicates, a poison record or a file that cannot be read at all still catalogues
 * every good file exactly once. Each test sends its records in one burst to one partition (one produce request,
 * so one fetch and one poll) and checks from the batch metrics which path the batch took.
 */
@QuarkusTest
@TestProfile(LibraryRootProfile.class)
@WithTestResource(LocalStackResource.class)
class BatchedFileEventsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ItStack stack;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry registry;

    private KafkaCompanion companion;
    private ConsumerTask<String, String> indexed;
    private ConsumerTask<String, String> failed;
    private ConsumerTask<String, String> deadLetters;

    @BeforeEach
    void listen() {
        companion = stack.companion();
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
    void aBatchWithACorruptFileDuplicatesAndAPoisonRecordIsOneTransactionAndCataloguesEachGoodFileOnce()
            throws Exception {
        String folder = folder();
        List<FileDiscovered> good = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            good.add(discovered(JpegFixtures.write(file(folder, "IMG_%04d.jpg".formatted(i)), 32 + i, 24,
                    ExifData.NONE)));
        }
        FileDiscovered corrupt = discovered(JpegFixtures.writeCorrupt(file(folder, "broken.jpg"), 4096, 7));
        FileDiscovered rescan = rediscovered(good.get(1)); // the same file again, under a new event id
        String poisonKey = "poison-" + UUID.randomUUID();
        List<ProducerRecord<String, String>> burst = new ArrayList<>();
        good.forEach(event -> burst.add(record(event)));
        burst.add(record(good.get(0))); // a redelivery: the same event twice in one batch
        burst.add(record(corrupt));
        burst.add(record(rescan));
        burst.add(new ProducerRecord<>(Topics.FILES, 0, poisonKey, "{not a file event"));
        double indexedBefore = counter(IndexMetrics.INDEXED);
        double fallbacksBefore = counter(IndexMetrics.BATCH_FALLBACKS);
        double batchesBefore = registry.find(IndexMetrics.BATCH_EVENTS).summary().count();
        double batchedBefore = registry.find(IndexMetrics.BATCH_EVENTS).summary().totalAmount();

        sendAsOneBurst(burst);

        for (FileDiscovered event : good) {
            catalog().awaitRow(event.location(), "INDEXED", WAIT);
        }
        java.util.Map<String, Object> corruptRow = catalog().awaitRow(corrupt.location(), "FAILED", WAIT);
        assertThat(corruptRow).containsEntry("failure_kind", "CORRUPT");
        ConsumerRecord<String, String> dead = awaitDeadLetter(poisonKey);
        assertThat(dead.value()).isEqualTo("{not a file event");
        assertThat(reason(dead)).contains("Not a valid FileEvent");
        await().atMost(WAIT).until(() -> !EventTraffic.withKey(failed, corrupt.contentHash()).isEmpty());
        ProcessingFailed announcedFailure = mapper.readValue(EventTraffic.withKey(failed, corrupt.contentHash()).get(0).value(),
                ProcessingFailed.class);
        assertThat(announcedFailure.reason()).isNotBlank().isEqualTo(corruptRow.get("failure_reason"));
        for (FileDiscovered event : good) {
            await().atMost(WAIT).until(() -> !EventTraffic.withKey(indexed, event.contentHash()).isEmpty());
        }

        for (FileDiscovered event : good) {
            assertThat(rowsAt(event.location())).as("rows at %s", event.location()).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", event.eventId().toString()))
                    .isEqualTo(1);
        }
        assertThat(count("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", rescan.eventId().toString()))
                .isEqualTo(1);
        // Eleven file events in one committed transaction, none written one at a time; the duplicate event was
        // not indexed twice (8 files + the rescan's new event; the corrupt file counts as failed).
        // (the summary's max() is a rolling window that a slow machine outlives: count and total do not decay)
        assertThat(registry.find(IndexMetrics.BATCH_EVENTS).summary().count() - batchesBefore).isEqualTo(1);
        assertThat(registry.find(IndexMetrics.BATCH_EVENTS).summary().totalAmount() - batchedBefore)
                .isGreaterThanOrEqualTo(11);
        assertThat(counter(IndexMetrics.BATCH_FALLBACKS)).isEqualTo(fallbacksBefore);
        assertThat(counter(IndexMetrics.INDEXED) - indexedBefore).isEqualTo(9);
    }

    @Test
    void aBatchThatCannotBeWrittenWholeIsWrittenOneEventAtATimeAndOnlyTheUnreadableFileIsDeadLettered()
            throws Exception {
        String folder = folder();
        List<FileDiscovered> good = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            good.add(discovered(JpegFixtures.write(file(folder, "DSC_%04d.jpg".formatted(i)), 20, 20 + i,
                    ExifData.NONE)));
        }
        // A link out of the library root: ingest saw a file, but index-service must not read outside its roots.
        Path outside = JpegFixtures.write(Files.createTempDirectory("darkroom-outside-").resolve("x.jpg"), 8, 8,
                ExifData.NONE);
        Path link = Files.createSymbolicLink(file(folder, "escape.jpg"), outside);
        FileDiscovered unreadable = FileDiscovered.of(location(link), ContentHash.of(outside), Files.size(outside),
                Instant.now());
        List<ProducerRecord<String, String>> burst = new ArrayList<>();
        burst.add(record(good.get(0)));
        burst.add(record(good.get(1)));
        burst.add(record(unreadable));
        burst.add(record(good.get(2)));
        burst.add(record(good.get(2))); // duplicate
        burst.add(record(good.get(3)));
        double fallbacksBefore = counter(IndexMetrics.BATCH_FALLBACKS);

        sendAsOneBurst(burst);

        for (FileDiscovered event : good) {
            catalog().awaitRow(event.location(), "INDEXED", WAIT);
        }
        ConsumerRecord<String, String> dead = awaitDeadLetter(unreadable.key());
        assertThat(reason(dead)).contains(unreadable.location().relativePath());
        assertThat(mapper.readValue(dead.value(), FileEvent.class).eventId()).isEqualTo(unreadable.eventId());
        for (FileDiscovered event : good) {
            assertThat(rowsAt(event.location())).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", event.eventId().toString()))
                    .isEqualTo(1);
        }
        assertThat(row(unreadable.location())).isNull();
        assertThat(count("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", unreadable.eventId().toString()))
                .isZero();
        assertThat(counter(IndexMetrics.BATCH_FALLBACKS)).isGreaterThan(fallbacksBefore);
    }

    @Test
    void aMoveOfAnUnknownFileRollsTheBatchBackAndEveryEventIsWrittenOnceOneAtATime() throws Exception {
        String folder = folder();
        FileDiscovered first = discovered(JpegFixtures.write(file(folder, "a.jpg"), 16, 16, ExifData.NONE));
        FileDiscovered second = discovered(JpegFixtures.write(file(folder, "b.jpg"), 16, 17, ExifData.NONE));
        Path movedFile = JpegFixtures.write(file(folder, "moved/c.jpg"), 16, 18, ExifData.NONE);
        FileMoved moved = FileMoved.of(new FileLocation(LibraryRootProfile.ROOT, folder + "/never-seen/c.jpg"),
                location(movedFile), ContentHash.of(movedFile), Files.size(movedFile),
                Files.getLastModifiedTime(movedFile).toInstant());
        FileDiscovered third = discovered(JpegFixtures.write(file(folder, "d.jpg"), 16, 19, ExifData.NONE));
        double fallbacksBefore = counter(IndexMetrics.BATCH_FALLBACKS);

        // The move is applied inside the batch's transaction after the first two discoveries; finding that its
        // destination must be read, the transaction rolls back and the four events are written one at a time.
        sendAsOneBurst(List.of(record(first), record(second), record(moved), record(third)));

        for (FileDiscovered event : List.of(first, second, third)) {
            catalog().awaitRow(event.location(), "INDEXED", WAIT);
        }
        assertThat(catalog().awaitRow(moved.to(), "INDEXED", WAIT)).containsEntry("height", 18);
        for (FileLocation at : List.of(first.location(), second.location(), moved.to(), third.location())) {
            assertThat(rowsAt(at)).isEqualTo(1);
        }
        for (UUID id : List.of(first.eventId(), second.eventId(), moved.eventId(), third.eventId())) {
            assertThat(count("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", id.toString())).isEqualTo(1);
        }
        assertThat(counter(IndexMetrics.BATCH_FALLBACKS)).isGreaterThan(fallbacksBefore);
    }

    @Test
    void aRawJpegPairAndALivePhotoInOneBatchStackAsTheyDoOneByOne() throws Exception {
        String folder = folder();
        Path raw = new ExifFixture().make("NIKON CORPORATION").model("NIKON D5000")
                .writeTiff(file(folder, "DSC_0010.NEF"), 64, 48);
        Path jpeg = new ExifFixture().make("NIKON CORPORATION").model("NIKON D5000")
                .write(file(folder, "DSC_0010.JPG"), 64, 48);
        String identifier = UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
        Path motion = new MovieFixture().contentIdentifier(identifier).write(file(folder, "IMG_0100_motion.MOV"));
        Path still = new ExifFixture().make("Apple").model("iPhone 12").xmp("<apple-fi:ContentIdentifier"
                + " xmlns:apple-fi=\"http://ns.apple.com/faceinfo/1.0/\">" + identifier + "</apple-fi:ContentIdentifier>")
                .write(file(folder, "IMG_0100.JPG"), 64, 48);
        List<FileDiscovered> events = List.of(discovered(raw), discovered(jpeg), discovered(motion), discovered(still));
        double batchesBefore = registry.find(IndexMetrics.BATCH_EVENTS).summary().count();
        double fallbacksBefore = counter(IndexMetrics.BATCH_FALLBACKS);

        sendAsOneBurst(events.stream().map(this::record).toList());

        for (FileDiscovered event : events) {
            catalog().awaitRow(event.location(), "INDEXED", WAIT);
        }
        java.util.Map<String, Object> rawRow = row(events.get(0).location());
        java.util.Map<String, Object> jpegRow = row(events.get(1).location());
        java.util.Map<String, Object> motionRow = row(events.get(2).location());
        java.util.Map<String, Object> stillRow = row(events.get(3).location());
        assertThat(rawRow).containsEntry("kind", "RAW").containsEntry("group_key", jpegRow.get("group_key"))
                .containsEntry("stack_primary", false);
        assertThat(jpegRow.get("stack_primary")).isEqualTo(true);
        assertThat(motionRow).containsEntry("kind", "LIVE_PHOTO").containsEntry("group_key", stillRow.get("group_key"))
                .containsEntry("stack_primary", false);
        assertThat(stillRow).containsEntry("kind", "IMAGE").containsEntry("stack_primary", true);
        // written as one batch: one more committed batch transaction and no fallback
        assertThat(registry.find(IndexMetrics.BATCH_EVENTS).summary().count() - batchesBefore).isEqualTo(1);
        assertThat(counter(IndexMetrics.BATCH_FALLBACKS)).isEqualTo(fallbacksBefore);
    }

    @Test
    void oneMultiRowWriteKeepsAMovedItemAndItsMarksReusesItsOldPathAndStacksANewPair() throws Exception {
        String folder = folder();
        Path kept = new ExifFixture().make("Canon").model("Canon EOS R6").write(file(folder, "old/IMG_0001.JPG"), 40, 30);
        FileDiscovered first = discovered(kept);
        sendAsOneBurst(List.of(record(first)));
        java.util.Map<String, Object> before = catalog().awaitRow(first.location(), "INDEXED", WAIT);
        long keptId = ((Number) before.get("id")).longValue();
        try (Connection db = stack.connect();
                PreparedStatement mark = db.prepareStatement("UPDATE media_item SET favourite = TRUE WHERE id = ?")) {
            mark.setLong(1, keptId); // as a family's mark would (ItemMarksConsumer): it must survive the move
            mark.executeUpdate();
        }

        // The file moves away and another one takes its old path, in the same batch as a new RAW+JPEG pair, a
        // duplicate event, and a file discovered then rescanned under a new event id.
        Path movedTo = LibraryRootProfile.FOLDER.resolve(folder).resolve("new/IMG_0001.JPG");
        Files.createDirectories(movedTo.getParent());
        Files.move(kept, movedTo);
        FileMoved move = FileMoved.of(first.location(), location(movedTo), first.contentHash(), first.sizeBytes(),
                Files.getLastModifiedTime(movedTo).toInstant());
        FileDiscovered newcomer = discovered(new ExifFixture().make("Apple").model("iPhone 12")
                .takenAt("2021:07:04 18:30:05", "-04:00").write(kept, 48, 36));
        FileDiscovered raw = discovered(new ExifFixture().make("NIKON CORPORATION").model("NIKON D5000")
                .writeTiff(file(folder, "DSC_0020.NEF"), 64, 48));
        FileDiscovered jpeg = discovered(new ExifFixture().make("NIKON CORPORATION").model("NIKON D5000")
                .write(file(folder, "DSC_0020.JPG"), 64, 48));
        FileDiscovered single = discovered(JpegFixtures.write(file(folder, "single.jpg"), 24, 24, ExifData.NONE));
        FileDiscovered rescan = rediscovered(single);
        double batchesBefore = registry.find(IndexMetrics.BATCH_EVENTS).summary().count();
        double fallbacksBefore = counter(IndexMetrics.BATCH_FALLBACKS);
        double indexedBefore = counter(IndexMetrics.INDEXED);

        sendAsOneBurst(List.of(record(move), record(newcomer), record(raw), record(raw), record(jpeg), record(single),
                record(rescan)));

        for (FileDiscovered event : List.of(raw, jpeg, single)) {
            catalog().awaitRow(event.location(), "INDEXED", WAIT);
        }
        java.util.Map<String, Object> movedRow = catalog().awaitRow(move.to(), "INDEXED", WAIT);
        java.util.Map<String, Object> newRow = catalog().awaitRow(newcomer.location(), "INDEXED", WAIT);
        assertThat(movedRow).containsEntry("id", keptId).containsEntry("favourite", true)
                .containsEntry("camera_make", "Canon").containsEntry("file_name", "IMG_0001.JPG");
        assertThat(((Number) newRow.get("id")).longValue()).isGreaterThan(keptId);
        assertThat(newRow).containsEntry("camera_make", "Apple").containsEntry("favourite", false)
                .containsEntry("width", 48).containsEntry("taken_at_zone", "-04:00")
                .containsEntry("taken_at", java.time.LocalDateTime.parse("2021-07-04T22:30:05"));
        java.util.Map<String, Object> rawRow = row(raw.location());
        java.util.Map<String, Object> jpegRow = row(jpeg.location());
        assertThat(rawRow).containsEntry("kind", "RAW").containsEntry("group_key", jpegRow.get("group_key"))
                .containsEntry("stack_primary", false);
        assertThat(jpegRow).containsEntry("kind", "IMAGE").containsEntry("stack_primary", true);
        // new items' ids follow the order they were catalogued in
        assertThat(((Number) rawRow.get("id")).longValue()).isGreaterThan(((Number) newRow.get("id")).longValue())
                .isLessThan(((Number) jpegRow.get("id")).longValue());
        assertThat(row(single.location())).containsEntry("last_event_at",
                java.time.LocalDateTime.ofInstant(rescan.occurredAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                        java.time.ZoneOffset.UTC));
        for (FileLocation at : List.of(move.to(), newcomer.location(), raw.location(), jpeg.location(),
                single.location())) {
            assertThat(rowsAt(at)).as("rows at %s", at).isEqualTo(1);
        }
        for (UUID id : List.of(move.eventId(), newcomer.eventId(), raw.eventId(), jpeg.eventId(), single.eventId(),
                rescan.eventId())) {
            assertThat(count("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", id.toString())).isEqualTo(1);
        }
        // one batch transaction, no fallback; five discoveries indexed (the duplicate once)
        assertThat(registry.find(IndexMetrics.BATCH_EVENTS).summary().count() - batchesBefore).isEqualTo(1);
        assertThat(counter(IndexMetrics.BATCH_FALLBACKS)).isEqualTo(fallbacksBefore);
        assertThat(counter(IndexMetrics.INDEXED) - indexedBefore).isEqualTo(5);
        for (FileDiscovered event : List.of(newcomer, raw, jpeg, single)) {
            await().atMost(WAIT).until(() -> !EventTraffic.withKey(indexed, event.contentHash()).isEmpty());
        }
    }

    @Test
    void aRedeliveryInThePollAfterIsRecognisedThoughThatPollWasReadAheadOfTheWrite() throws Exception {
        String folder = folder();
        List<FileDiscovered> first = new ArrayList<>();
        for (int i = 0; i < 50; i++) { // one full poll (max.poll.records = darkroom.index.batch.size = 50)
            first.add(discovered(JpegFixtures.write(file(folder, "P_%04d.jpg".formatted(i)), 16, 16 + i, ExifData.NONE)));
        }
        FileDiscovered later = discovered(JpegFixtures.write(file(folder, "later.jpg"), 12, 12, ExifData.NONE));
        List<ProducerRecord<String, String>> burst = new ArrayList<>(first.stream().map(this::record).toList());
        burst.add(record(first.get(0))); // the next poll, read while the first is written, redelivers an event of it
        burst.add(record(later));
        double fallbacksBefore = counter(IndexMetrics.BATCH_FALLBACKS);
        double indexedBefore = counter(IndexMetrics.INDEXED);
        double batchesBefore = registry.find(IndexMetrics.BATCH_EVENTS).summary().count();

        sendAsOneBurst(burst);

        catalog().awaitRow(later.location(), "INDEXED", WAIT);
        for (FileDiscovered event : first) {
            catalog().awaitRow(event.location(), "INDEXED", WAIT);
            assertThat(rowsAt(event.location())).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", event.eventId().toString()))
                    .isEqualTo(1);
        }
        // both polls written whole (the redelivery seen as recorded, not refused by the primary key), 51 indexed
        await().atMost(WAIT).until(() -> registry.find(IndexMetrics.BATCH_EVENTS).summary().count() - batchesBefore >= 2);
        assertThat(counter(IndexMetrics.BATCH_FALLBACKS)).isEqualTo(fallbacksBefore);
        assertThat(counter(IndexMetrics.INDEXED) - indexedBefore).isEqualTo(51);
    }

    // ------------------------------------------------------------------ helpers

    private static String folder() {
        return "batch-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Path file(String folder, String name) throws Exception {
        Path file = LibraryRootProfile.FOLDER.resolve(folder).resolve(name);
        Files.createDirectories(file.getParent());
        return file;
    }

    private static FileLocation location(Path file) {
        return LibraryRootProfile.LIBRARY.location(file);
    }

    private static FileDiscovered discovered(Path file) throws Exception {
        return LibraryRootProfile.LIBRARY.discovered(file);
    }

    private static FileDiscovered rediscovered(FileDiscovered first) {
        return new FileDiscovered(UUID.randomUUID(), first.occurredAt().plusMillis(1), first.schemaVersion(),
                first.location(), first.contentHash(), first.sizeBytes(), first.modifiedAt());
    }

    /** Partition 0 for every record of a burst: one partition's records arrive in one fetch. */
    private ProducerRecord<String, String> record(FileEvent event) {
        try {
            return new ProducerRecord<>(Topics.FILES, 0, event.key(), mapper.writerFor(FileEvent.class)
                    .writeValueAsString(event));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One producer batch (lingering until all are queued), so the consumer sees the records in one poll. */
    private void sendAsOneBurst(List<ProducerRecord<String, String>> records) {
        companion.produceStrings().withProp("linger.ms", 500).withProp("batch.size", 1 << 20)
                .fromRecords(records).awaitCompletion(WAIT);
    }

    private ConsumerRecord<String, String> awaitDeadLetter(String key) {
        await().atMost(WAIT).until(() -> !EventTraffic.withKey(deadLetters, key).isEmpty());
        return EventTraffic.withKey(deadLetters, key).get(0);
    }

    private static String reason(ConsumerRecord<String, String> dead) {
        assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
        return new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    }

    private double counter(String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private CatalogRows catalog() {
        return stack.catalog();
    }

    private java.util.Map<String, Object> row(FileLocation location) throws Exception {
        return catalog().row(location);
    }

    private long rowsAt(FileLocation location) throws Exception {
        return count("SELECT COUNT(*) FROM media_item WHERE location_hash = ?", LocationHash.of(location));
    }

    private long count(String sql, Object parameter) throws Exception {
        return catalog().count(sql, parameter);
    }
}
