package io.darkroom.thumbnail.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.events.DarkroomEvent;
import io.darkroom.events.FailureKind;
import io.darkroom.events.FileLocation;
import io.darkroom.events.MediaIndexed;
import io.darkroom.events.MediaKind;
import io.darkroom.events.ProcessingFailed;
import io.darkroom.events.Thumbnail;
import io.darkroom.events.ThumbnailRequested;
import io.darkroom.events.ThumbnailsGenerated;
import io.darkroom.events.Topics;
import io.darkroom.localstack.LocalStackResource;
import io.darkroom.platform.storage.ContentHash;
import io.darkroom.platform.storage.StorageLayout;
import io.darkroom.platform.testing.ExifData;
import io.darkroom.platform.testing.JpegFixtures;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * thumbnail-service on the local stack (real Kafka): a MediaIndexed record goes in, the files appear under
 * the derived-files folder and ThumbnailsGenerated (or ProcessingFailed) comes out; a poison record goes to
 * the dead-letter topic and the channel keeps consuming.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class ThumbnailServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path LIBRARY = Path.of("target/library");
    private static final Path STORAGE = Path.of("target/storage");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry registry;

    private KafkaCompanion companion;
    private ConsumerTask<String, String> generated;
    private ConsumerTask<String, String> failed;
    private ConsumerTask<String, String> deadLetters;

    @BeforeEach
    void listen() {
        companion = new KafkaCompanion(bootstrapServers);
        generated = companion.consumeStrings().fromTopics(Topics.THUMBNAILS_GENERATED);
        failed = companion.consumeStrings().fromTopics(Topics.PROCESSING_FAILED);
        deadLetters = companion.consumeStrings().fromTopics(Topics.deadLetter(Topics.MEDIA_INDEXED));
    }

    @AfterEach
    void close() {
        generated.stop();
        failed.stop();
        deadLetters.stop();
        companion.close();
    }

    @Test
    void anIndexedPortraitPhotoGetsEverySizeUprightOnDiskAndAnnounced() throws Exception {
        Path photo = JpegFixtures.write(LIBRARY.resolve("it/portrait.jpg"), 3000, 2000, ExifData.NONE.withOrientation(6));
        MediaIndexed item = indexed(photo, MediaKind.IMAGE, 6);

        send(item);

        ThumbnailsGenerated done = awaitEvent(generated, item.contentHash(), ThumbnailsGenerated.class);
        assertThat(done.thumbnails()).extracting(t -> t.size() + " " + t.width() + "x" + t.height()).containsExactly(
                "tile-224 224x224", "tile-448 448x448", "fit-720 480x720", "fit-1280 853x1280", "fit-1920 1280x1920");
        for (Thumbnail thumbnail : done.thumbnails()) {
            Path file = STORAGE.resolve(thumbnail.storagePath());
            assertThat(file).isRegularFile();
            assertThat(thumbnail.storagePath()).contains(item.contentHash());
        }
    }

    @Test
    void aCorruptFileIsAnnouncedAsFailedWithItsReason() throws Exception {
        Path broken = JpegFixtures.writeCorrupt(LIBRARY.resolve("it/noise.jpg"), 4000, 11);
        MediaIndexed item = indexed(broken, MediaKind.IMAGE, null);

        send(item);

        ProcessingFailed failure = awaitEvent(failed, item.contentHash(), ProcessingFailed.class);
        assertThat(failure.kind()).isEqualTo(FailureKind.CORRUPT);
        assertThat(failure.reason()).isNotBlank();
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextItemIsStillServed() throws Exception {
        companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.MEDIA_INDEXED, "poison", "{this is not json"))
                .awaitCompletion();
        Path photo = JpegFixtures.write(LIBRARY.resolve("it/after-poison.jpg"), 800, 600, ExifData.NONE);
        MediaIndexed item = indexed(photo, MediaKind.IMAGE, null);

        send(item);

        await().atMost(WAIT).until(() -> !recordsWithKey(deadLetters, "poison").isEmpty());
        assertThat(recordsWithKey(deadLetters, "poison").get(0).value()).isEqualTo("{this is not json");
        assertThat(awaitEvent(generated, item.contentHash(), ThumbnailsGenerated.class).thumbnails()).hasSize(5);
    }

    @Test
    void aRequestedOnDemandSizeIsMadeOnceHoweverOftenItIsAskedForAndAnnounced() throws Exception {
        Path photo = JpegFixtures.write(LIBRARY.resolve("it/on-demand.jpg"), 3000, 2000, ExifData.NONE);
        String hash = ContentHash.of(photo);
        ThumbnailRequested request = ThumbnailRequested.of(hash, "fit-2560", new FileLocation("test", "it/on-demand.jpg"),
                MediaKind.IMAGE, null, 3000, 2000);
        Files.deleteIfExists(new StorageLayout(STORAGE).file(hash, "fit-2560.jpg")); // left by an earlier run

        for (int i = 0; i < 3; i++) {
            companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.THUMBNAIL_REQUESTED, hash,
                    mapper.writeValueAsString(request))).awaitCompletion();
        }

        ThumbnailsGenerated done = awaitEvent(generated, hash, ThumbnailsGenerated.class);
        assertThat(done.thumbnails()).extracting(t -> t.size() + " " + t.width() + "x" + t.height())
                .containsExactly("fit-2560 2560x1707");
        assertThat(STORAGE.resolve(done.thumbnails().get(0).storagePath())).isRegularFile();
        await().atMost(WAIT).until(() -> onDemand("made") + onDemand("on-disk") + onDemand("coalesced") == 3);
        assertThat(onDemand("made")).as("decodes").isEqualTo(1);
    }

    @Test
    void aRequestForASizeThatIsNotOnDemandGoesToTheDeadLetterTopic() throws Exception {
        ConsumerTask<String, String> requestDeadLetters = companion.consumeStrings()
                .fromTopics(Topics.deadLetter(Topics.THUMBNAIL_REQUESTED));
        try {
            String hash = "0".repeat(63) + "1";
            ThumbnailRequested request = ThumbnailRequested.of(hash, "fit-99999", new FileLocation("test", "x.jpg"),
                    MediaKind.IMAGE, null, null, null);
            companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.THUMBNAIL_REQUESTED, hash,
                    mapper.writeValueAsString(request))).awaitCompletion();

            await().atMost(WAIT).until(() -> !recordsWithKey(requestDeadLetters, hash).isEmpty());
            assertThat(recordsWithKey(requestDeadLetters, hash).get(0).value()).contains("fit-99999");
        } finally {
            requestDeadLetters.stop();
        }
    }

    private double onDemand(String outcome) {
        var counter = registry.find("darkroom_thumbnail_on_demand").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static MediaIndexed indexed(Path file, MediaKind kind, Integer orientation) throws Exception {
        String hash = ContentHash.of(file);
        FileLocation location = new FileLocation("test", LIBRARY.relativize(file).toString());
        return MediaIndexed.of(hash, location, kind, "image/jpeg", null, null, orientation, null, null);
    }

    private void send(DarkroomEvent event) throws Exception {
        companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.MEDIA_INDEXED, event.key(),
                mapper.writeValueAsString(event))).awaitCompletion();
    }

    private <T extends DarkroomEvent> T awaitEvent(ConsumerTask<String, String> task, String key, Class<T> type)
            throws Exception {
        await().atMost(WAIT).until(() -> !recordsWithKey(task, key).isEmpty());
        return mapper.readValue(recordsWithKey(task, key).get(0).value(), type);
    }

    private static List<ConsumerRecord<String, String>> recordsWithKey(ConsumerTask<String, String> task, String key) {
        return task.getRecords().stream().filter(r -> key.equals(r.key())).toList();
    }
}
