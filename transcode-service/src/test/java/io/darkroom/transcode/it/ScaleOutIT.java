package io.darkroom.transcode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.darkroom.events.FileLocation;
import io.darkroom.events.MediaIndexed;
import io.darkroom.events.MediaKind;
import io.darkroom.events.TranscodeCompleted;
import io.darkroom.localstack.LocalStackResource;
import io.darkroom.localstack.launcher.DarkroomService;
import io.darkroom.localstack.launcher.ServiceProcess;
import io.darkroom.localstack.process.Ports;
import io.darkroom.platform.storage.ContentHash;
import io.darkroom.transcode.media.FfmpegTranscoder;
import io.darkroom.transcode.media.VideoFixtures;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several transcode-service processes (the packaged jar, prod profile) sharing one consumer group, one derived-files
 * folder and real Kafka: every video is transcoded exactly once, and an instance killed mid-file leaves nothing
 * visible while another instance redoes the file. Each test has its own topics and group.
 */
class ScaleOutIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final int PARTITIONS = 3;
    private static final Pattern TRANSCODES = Pattern.compile(
            "darkroom_transcode_seconds_count\\{encoder=\"libx264\",?\\} ([0-9.]+)");

    @TempDir
    Path temp;

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final List<ServiceProcess> instances = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String input = "media.indexed.v1.it-" + run;
    private final String output = "media.transcode.completed.v1.it-" + run;
    private Path library;
    private Path storage;
    private KafkaCompanion companion;
    private ConsumerTask<String, String> completed;

    @BeforeEach
    void stack() throws Exception {
        library = Files.createDirectories(temp.resolve("library"));
        storage = Files.createDirectories(temp.resolve("storage"));
        companion = new KafkaCompanion(LocalStackResource.localStack().kafkaBootstrapServers());
        completed = companion.consumeStrings().fromTopics(output);
    }

    @AfterEach
    void stop() {
        instances.forEach(ServiceProcess::kill);
        completed.stop();
        companion.close();
    }

    @Test
    void twoInstancesShareTheQueueAndTranscodeEachVideoOnce() throws Exception {
        List<MediaIndexed> items = itemsOnEveryPartition(2);
        ServiceProcess a = start("a", "ultrafast");
        ServiceProcess b = start("b", "ultrafast");
        a.awaitReady(STARTUP);
        b.awaitReady(STARTUP);

        for (MediaIndexed item : items) {
            send(item);
        }

        await().atMost(Duration.ofSeconds(120)).until(() -> items.stream()
                .allMatch(item -> !recordsWithKey(item.contentHash()).isEmpty()));
        for (MediaIndexed item : items) {
            TranscodeCompleted done = mapper.readValue(recordsWithKey(item.contentHash()).get(0).value(),
                    TranscodeCompleted.class);
            assertThat(storage.resolve(done.storagePath())).isRegularFile().hasSize(done.sizeBytes());
        }
        int byA = transcodes(a);
        int byB = transcodes(b);
        assertThat(byA + byB).as("transcodes by a (%d) and b (%d)", byA, byB).isEqualTo(items.size());
        assertThat(byA).as("a has partitions with work").isPositive();
        assertThat(byB).as("b has partitions with work").isPositive();
    }

    @Test
    void anInstanceKilledMidFileLeavesNothingVisibleAndAnotherRedoesIt() throws Exception {
        // 10 s of 640x480 with x264's veryslow preset: many seconds, and it is killed as soon as it has begun.
        Path clip = VideoFixtures.write(library.resolve("long.avi"), VideoFixtures.clip().size(640, 480).frames(250));
        MediaIndexed item = indexed(clip);
        Path folder = storage.resolve(item.contentHash().substring(0, 2)).resolve(item.contentHash().substring(2, 4))
                .resolve(item.contentHash());
        ServiceProcess first = start("first", "veryslow");
        first.awaitReady(STARTUP);

        send(item);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> partials(folder).size() == 1);
        first.kill();
        assertThat(first.isAlive()).isFalse();

        assertThat(visibleFiles(folder)).as("nothing visible after the kill").isEmpty();
        assertThat(recordsWithKey(item.contentHash())).as("the first instance did not finish").isEmpty();
        // The second instance joins the group; once the dead member's session expires it owns the partition,
        // finds the uncommitted record, waits out the dead instance's claim and redoes the file.
        ServiceProcess second = start("second", "ultrafast");
        second.awaitReady(STARTUP);
        await().atMost(Duration.ofSeconds(90)).until(() -> !recordsWithKey(item.contentHash()).isEmpty());
        TranscodeCompleted done = mapper.readValue(recordsWithKey(item.contentHash()).get(0).value(),
                TranscodeCompleted.class);
        assertThat(done.durationMillis()).isBetween(9_000L, 11_000L);
        assertThat(visibleFiles(folder)).containsExactly(folder.resolve("video.mp4"));
        assertThat(new FfmpegTranscoder(23, "veryfast").probe(folder.resolve("video.mp4")).durationMillis())
                .isBetween(9_000L, 11_000L);
        assertThat(transcodes(second)).isEqualTo(1);
        assertThat(recordsWithKey(item.contentHash())).hasSize(1);
    }

    /** Distinct clips, at least {@code each} per partition of the input topic (Kafka's default partitioner). */
    private List<MediaIndexed> itemsOnEveryPartition(int each) throws Exception {
        Map<Integer, Integer> perPartition = new HashMap<>();
        List<MediaIndexed> items = new ArrayList<>();
        for (int frames = 3; items.size() < each * PARTITIONS; frames++) {
            Path clip = VideoFixtures.write(library.resolve("clip-" + frames + ".avi"),
                    VideoFixtures.clip().size(160, 120).frames(frames));
            MediaIndexed item = indexed(clip);
            int partition = Utils.toPositive(Utils.murmur2(item.key().getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (perPartition.merge(partition, 1, Integer::sum) <= each) {
                items.add(item);
            }
        }
        return items;
    }

    private ServiceProcess start(String name, String preset) {
        int port = Ports.pickFree();
        List<String> options = List.of("-Xmx256m",
                "-Ddarkroom.library.roots.test=" + library,
                "-Dkafka.group.id=transcode-it-" + run,
                "-Dmp.messaging.incoming.media-indexed.topic=" + input,
                "-Dmp.messaging.incoming.media-indexed.dead-letter-queue.topic=" + input + ".dlq",
                "-Dmp.messaging.incoming.media-indexed.session.timeout.ms=6000",
                "-Dmp.messaging.incoming.media-indexed.heartbeat.interval.ms=1000",
                "-Dmp.messaging.outgoing.transcode-completed.topic=" + output,
                "-Dmp.messaging.outgoing.processing-failed.topic=media.processing.failed.v1.it-" + run,
                "-Dmp.messaging.outgoing.transcode-progress.topic=media.transcode.progress.v1.it-" + run,
                "-Ddarkroom.transcode.preset=" + preset,
                "-Ddarkroom.transcode.claim-timeout=5s",
                "-Ddarkroom.transcode.gpu.encoders=none");
        Map<String, String> environment = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", LocalStackResource.localStack().kafkaBootstrapServers(),
                "DARKROOM_STORAGE_PATH", storage.toString(),
                "QUARKUS_HTTP_PORT", Integer.toString(port));
        ServiceProcess process = new ServiceProcess(DarkroomService.TRANSCODE, JAR, port, options, environment,
                Path.of("target/scale-out-" + run + "-" + name + ".log"));
        process.start();
        instances.add(process);
        return process;
    }

    private MediaIndexed indexed(Path clip) throws Exception {
        return MediaIndexed.of(ContentHash.of(clip), new FileLocation("test", library.relativize(clip).toString()),
                MediaKind.VIDEO, "video/x-msvideo", null, null, null, null, null);
    }

    private void send(MediaIndexed item) throws Exception {
        companion.produceStrings().fromRecords(new ProducerRecord<>(input, item.key(),
                mapper.writeValueAsString(item))).awaitCompletion();
    }

    private List<ConsumerRecord<String, String>> recordsWithKey(String key) {
        return completed.getRecords().stream().filter(r -> key.equals(r.key())).toList();
    }

    /** Transcodes this instance ran itself (a wait for another instance's output is not counted). */
    private static int transcodes(ServiceProcess instance) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(instance.baseUri().resolve("q/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher count = TRANSCODES.matcher(metrics);
        return count.find() ? (int) Double.parseDouble(count.group(1)) : 0;
    }

    private static List<Path> partials(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".partial.mp4")).toList();
        }
    }

    private static List<Path> visibleFiles(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
        }
    }
}
