package io.darkroom.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileRemoved;
import io.darkroom.events.RescanRequested;
import io.darkroom.events.Topics;
import io.darkroom.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With no watch and the scan interval at an hour, only a RescanRequested command on Kafka makes new files and
 * removals appear; invalid commands go to the dead-letter topic and the channel goes on.
 */
@QuarkusTest
@TestProfile(RescanCommandTestProfile.class)
@WithTestResource(LocalStackResource.class)
class RescanCommandKafkaTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper mapper;

    private FileEventsOnKafka kafka;

    @BeforeEach
    void consume() throws Exception {
        kafka = new FileEventsOnKafka(bootstrapServers, mapper);
        Thread.sleep(500); // the start-up scan of the empty root is over
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aFolderRescanPublishesNewFilesAndOnlyAWholeRootRescanPublishesRemovals() throws Exception {
        Path upload = RescanCommandTestProfile.UPLOADS.resolve("2026-11-25/a.jpg");
        Files.createDirectories(upload.getParent());
        Files.writeString(upload, "uploaded");
        Thread.sleep(1_500);
        assertThat(kafka.events()).as("no scan, no watch: nothing yet")
                .noneMatch(e -> e.key().startsWith("uploads:2026-11-25/"));

        send(RescanRequested.of("uploads", "2026-11-25", "upload"));
        kafka.await(FileDiscovered.class, "uploads:2026-11-25/a.jpg");

        Files.delete(upload);
        send(RescanRequested.of("uploads", "2026-11-25", "admin"));
        Thread.sleep(1_500);
        assertThat(kafka.events()).as("a folder rescan publishes no removals").noneMatch(FileRemoved.class::isInstance);

        send(RescanRequested.of("uploads", null, "admin"));
        FileRemoved removed = kafka.await(FileRemoved.class, "uploads:2026-11-25/a.jpg").event();
        assertThat(removed.contentHash()).isNotBlank();
    }

    @Test
    void invalidCommandsLandOnTheDeadLetterTopicWithTheReasonAndTheChannelGoesOn() throws Exception {
        ConsumerTask<String, String> dlq = kafka.companion().consumeStrings()
                .fromTopics(Topics.deadLetter(Topics.RESCAN_REQUESTED), 2);
        kafka.companion().produceStrings().fromRecords(
                new ProducerRecord<>(Topics.RESCAN_REQUESTED, "uploads", "this is not json")).awaitCompletion();
        send(RescanRequested.of("no-such-root", null, "admin"));

        dlq.awaitCompletion(Duration.ofSeconds(30));
        assertThat(dlq.getRecords()).extracting(ConsumerRecord::value).contains("this is not json");
        ConsumerRecord<String, String> unknownRoot = dlq.getRecords().stream()
                .filter(r -> "no-such-root".equals(r.key())).findFirst().orElseThrow();
        assertThat(new String(unknownRoot.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("Unknown library root 'no-such-root'");

        Path later = RescanCommandTestProfile.UPLOADS.resolve("later/b.jpg");
        Files.createDirectories(later.getParent());
        Files.writeString(later, "after the poison");
        send(RescanRequested.of("uploads", "later", "upload"));
        kafka.await(FileDiscovered.class, "uploads:later/b.jpg");
    }

    private void send(RescanRequested command) throws Exception {
        kafka.companion().produceStrings().fromRecords(new ProducerRecord<>(Topics.RESCAN_REQUESTED, command.key(),
                mapper.writeValueAsString(command))).awaitCompletion();
    }
}
