package io.darkroom.transcode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.events.DarkroomEvent;
import io.darkroom.events.FailureKind;
import io.darkroom.events.FileLocation;
import io.darkroom.events.MediaIndexed;
import io.darkroom.events.MediaKind;
import io.darkroom.events.ProcessingFailed;
import io.darkroom.events.Topics;
import io.darkroom.events.TranscodeCompleted;
import io.darkroom.events.TranscodeOutcome;
import io.darkroom.events.TranscodeProgress;
import io.darkroom.localstack.LocalStackResource;
import io.darkroom.platform.storage.ContentHash;
import io.darkroom.transcode.media.VideoFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * transcode-service on the local stack (real Kafka): MediaIndexed in, a transcode on disk with progress and
 * TranscodeCompleted out; a corrupt video gives ProcessingFailed with FFmpeg's reason; a poison record goes to the
 * dead-letter topic and the channel goes on; health and metrics name the encoder.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class TranscodeServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path LIBRARY = Path.of("target/library");
    private static final Path STORAGE = Path.of("target/storage");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URI base;

    @Inject
    ObjectMapper mapper;

    private KafkaCompanion companion;
    private ConsumerTask<String, String> completed;
    private ConsumerTask<String, String> progress;
    private ConsumerTask<String, String> failed;
    private ConsumerTask<String, String> deadLetters;

    @BeforeEach
    void listen() {
        companion = new KafkaCompanion(bootstrapServers);
        completed = companion.consumeStrings().fromTopics(Topics.TRANSCODE_COMPLETED);
        progress = companion.consumeStrings().fromTopics(Topics.TRANSCODE_PROGRESS);
        failed = companion.consumeStrings().fromTopics(Topics.PROCESSING_FAILED);
        deadLetters = companion.consumeStrings().fromTopics(Topics.deadLetter(Topics.MEDIA_INDEXED));
    }

    @AfterEach
    void close() {
        completed.stop();
        progress.stop();
        failed.stop();
        deadLetters.stop();
        companion.close();
    }

    @Test
    void anHevcVideoIsTranscodedWithProgressAndAnnounced() throws Exception {
        Path clip = VideoFixtures.write(LIBRARY.resolve("it/hevc.mp4"), VideoFixtures.hevcAac());
        MediaIndexed item = indexed(clip);
        deleteOutputOf(item);

        send(item);

        TranscodeCompleted done = awaitEvent(completed, item.contentHash(), TranscodeCompleted.class);
        assertThat(done.outcome()).isEqualTo(TranscodeOutcome.TRANSCODED);
        assertThat(done.videoCodec()).isEqualTo("h264");
        assertThat(done.audioCodec()).isEqualTo("aac");
        Path output = STORAGE.resolve(done.storagePath());
        assertThat(output).isRegularFile().hasSize(done.sizeBytes());
        assertThat(output.getParent()).isDirectoryNotContaining("glob:**.partial.mp4");
        TranscodeProgress first = awaitEvent(progress, item.contentHash(), TranscodeProgress.class);
        assertThat(first.percent()).isBetween(0.0, 100.0);
    }

    @Test
    void aCorruptVideoIsAnnouncedAsFailedWithFfmpegsReason() throws Exception {
        Path noise = VideoFixtures.writeCorrupt(LIBRARY.resolve("it/noise.mov"), 20_000, 3);
        MediaIndexed item = indexed(noise);

        send(item);

        ProcessingFailed failure = awaitEvent(failed, item.contentHash(), ProcessingFailed.class);
        assertThat(failure.kind()).isEqualTo(FailureKind.CORRUPT);
        assertThat(failure.reason()).contains("Invalid data found when processing input");
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextVideoIsStillServed() throws Exception {
        companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.MEDIA_INDEXED, "poison", "{not json"))
                .awaitCompletion();
        Path clip = VideoFixtures.write(LIBRARY.resolve("it/after-poison.avi"), VideoFixtures.clip().frames(5));
        MediaIndexed item = indexed(clip);

        send(item);

        await().atMost(WAIT).until(() -> !recordsWithKey(deadLetters, "poison").isEmpty());
        assertThat(recordsWithKey(deadLetters, "poison").get(0).value()).isEqualTo("{not json");
        assertThat(awaitEvent(completed, item.contentHash(), TranscodeCompleted.class).outcome())
                .isEqualTo(TranscodeOutcome.TRANSCODED);
    }

    @Test
    void healthAndMetricsNameTheEncoder() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode check = List.copyOf(iterable(mapper.readTree(ready.body()).get("checks"))).stream()
                .filter(c -> c.get("name").asText().equals("transcode-encoder")).findFirst().orElseThrow();
        assertThat(check.get("status").asText()).isEqualTo("UP");
        assertThat(check.get("data").get("encoder").asText()).isIn("libx264", "h264_nvenc", "h264_qsv");

        String metrics = http.send(HttpRequest.newBuilder(base.resolve("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("darkroom_transcode_gpu_encoder{encoder=\"" + check.get("data").get("gpu").asText()
                + "\"");
    }

    /** The fixtures are the same bytes every run: a transcode left by an earlier run would be reused. */
    private static void deleteOutputOf(MediaIndexed item) throws Exception {
        String hash = item.contentHash();
        Path folder = STORAGE.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
        if (Files.isDirectory(folder)) {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }

    private static MediaIndexed indexed(Path file) throws Exception {
        return MediaIndexed.of(ContentHash.of(file), new FileLocation("test", LIBRARY.relativize(file).toString()),
                MediaKind.VIDEO, "video/mp4", null, null, null, null, null);
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
