package io.darkroom.ingest.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileLocation;
import io.darkroom.events.FileMoved;
import io.darkroom.localstack.LocalStackResource;
import io.darkroom.platform.storage.ContentHash;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With the scan interval at an hour, new, slowly written and moved files on a local disk reach Kafka through the
 * file-system watch alone, within 2 s of settling (settle time 300 ms).
 */
@QuarkusTest
@TestProfile(WatchTestProfile.class)
@WithTestResource(LocalStackResource.class)
class FileSystemWatchKafkaTest {

    private static final long SETTLE_MILLIS = 300;
    private static final long GOAL_MILLIS = 2_000;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper mapper;

    private FileEventsOnKafka kafka;

    @BeforeEach
    void watchIsRunning() throws Exception {
        kafka = new FileEventsOnKafka(bootstrapServers, mapper);
        await().atMost(FileEventsOnKafka.WAIT).until(() -> watchedFolders() >= 1);
        Thread.sleep(300); // the start-up scan of the empty root is over
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aNewFileReachesKafkaWithin2SecondsOfSettlingWithoutAScan() throws Exception {
        Path photo = WatchTestProfile.PHOTOS.resolve("2026/11/IMG_1.jpg");
        Files.createDirectories(photo.getParent());
        byte[] content = "watched".getBytes(StandardCharsets.UTF_8);
        Files.write(photo, content);
        long settledAt = System.currentTimeMillis() + SETTLE_MILLIS;

        var received = kafka.await(FileDiscovered.class, "photos:2026/11/IMG_1.jpg");

        assertThat(received.event().contentHash()).isEqualTo(ContentHash.of(content));
        long latency = received.timestampMillis() - settledAt;
        System.out.printf("watch latency after settling: %d ms%n", latency);
        assertThat(latency).as("ms from settling to the record on Kafka").isLessThan(GOAL_MILLIS);
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertThat(metrics).contains("darkroom_ingest_files_seen ", "darkroom_ingest_files_pending ",
                "darkroom_ingest_files_hashed_total ", "darkroom_ingest_hash_bytes_per_second ",
                "darkroom_ingest_files_duplicate ", "darkroom_ingest_watched_folders ");
    }

    @Test
    void aFileWrittenSlowlyIsPublishedOnceWithItsFinalSizeAfterTheWriterStopped() throws Exception {
        Path clip = WatchTestProfile.PHOTOS.resolve("slow/clip.mp4");
        Files.createDirectories(clip.getParent());
        byte[] chunk = new byte[8192];
        int chunks = 30; // one every 100 ms: three seconds
        try (OutputStream out = Files.newOutputStream(clip, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (int i = 0; i < chunks; i++) {
                out.write(chunk);
                out.flush();
                Thread.sleep(100);
            }
        }
        long writerDone = System.currentTimeMillis();

        var received = kafka.await(FileDiscovered.class, "photos:slow/clip.mp4");

        assertThat(received.event().sizeBytes()).isEqualTo(8192L * chunks);
        assertThat(received.event().contentHash()).isEqualTo(ContentHash.of(clip));
        assertThat(received.timestampMillis()).isGreaterThanOrEqualTo(writerDone);
        assertThat(received.timestampMillis() - (writerDone + SETTLE_MILLIS)).isLessThan(GOAL_MILLIS);
        Thread.sleep(1_000);
        assertThat(kafka.events()).filteredOn(e -> e.key().equals("photos:slow/clip.mp4")).hasSize(1);
    }

    @Test
    void aFileMovedToAnotherFolderAndAFolderMovedInAreSeenByTheWatch() throws Exception {
        Path inbox = WatchTestProfile.PHOTOS.resolve("inbox/a.jpg");
        Files.createDirectories(inbox.getParent());
        Files.writeString(inbox, "to be moved");
        var discovered = kafka.await(FileDiscovered.class, "photos:inbox/a.jpg");

        Files.createDirectories(WatchTestProfile.PHOTOS.resolve("best"));
        Files.move(inbox, WatchTestProfile.PHOTOS.resolve("best/a.jpg"));
        var moved = kafka.await(FileMoved.class, "photos:best/a.jpg");
        assertThat(moved.event().from()).isEqualTo(new FileLocation("photos", "inbox/a.jpg"));
        assertThat(moved.event().contentHash()).isEqualTo(discovered.event().contentHash());

        // a camera import: a whole folder moved in from outside the library
        Path card = WatchTestProfile.OUTSIDE.resolve("DCIM");
        Files.createDirectories(card.resolve("100CANON"));
        Files.writeString(card.resolve("100CANON/IMG_0001.JPG"), "card one");
        Files.writeString(card.resolve("100CANON/IMG_0002.JPG"), "card two");
        Files.move(card, WatchTestProfile.PHOTOS.resolve("DCIM"));
        kafka.await(FileDiscovered.class, "photos:DCIM/100CANON/IMG_0001.JPG");
        kafka.await(FileDiscovered.class, "photos:DCIM/100CANON/IMG_0002.JPG");
    }

    private static double watchedFolders() {
        String metrics = given().get("/q/metrics").then().extract().asString();
        Matcher m = Pattern.compile("(?m)^darkroom_ingest_watched_folders (\\S+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
