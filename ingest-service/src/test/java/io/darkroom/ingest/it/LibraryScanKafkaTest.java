package io.darkroom.ingest.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileEvent;
import io.darkroom.events.FileLocation;
import io.darkroom.events.FileMoved;
import io.darkroom.events.FileRemoved;
import io.darkroom.events.Topics;
import io.darkroom.localstack.LocalStackResource;
import io.darkroom.platform.storage.ContentHash;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Files dropped into a library folder end up as FileEvents on a real Kafka broker (the local stack), with the
 * scanner running as in production: every second, 300 ms settle time.
 */
@QuarkusTest
@TestProfile(LibraryFolderTestProfile.class)
@WithTestResource(LocalStackResource.class)
class LibraryScanKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper mapper;

    private KafkaCompanion companion;
    private ConsumerTask<String, String> records;

    @BeforeEach
    void consumeFromTheStart() {
        companion = new KafkaCompanion(bootstrapServers);
        records = companion.consumeStrings().fromTopics(Topics.FILES);
    }

    @AfterEach
    void stopConsuming() {
        records.stop();
        companion.close();
    }

    @Test
    void newFilesArePublishedOnceSettledThenMovesAndRemovalsFollow() throws Exception {
        Path family = LibraryFolderTestProfile.FAMILY;
        byte[] photo = "not really a jpeg".getBytes(StandardCharsets.UTF_8);
        write(family.resolve("2019/IMG_1.jpg"), photo);
        write(family.resolve("2019/IMG_2.jpg"), "another".getBytes(StandardCharsets.UTF_8));
        write(family.resolve("empty.jpg"), new byte[0]);
        write(family.resolve("2019/.DS_Store"), new byte[] {1});
        write(family.resolve("2019/@eaDir/IMG_1.jpg/SYNOPHOTO_THUMB_XL.jpg"), new byte[] {1});
        write(family.resolve("2019/IMG_3.jpg.part"), new byte[] {1});

        FileDiscovered img1 = awaitEvent(FileDiscovered.class, "family:2019/IMG_1.jpg");
        assertThat(img1.contentHash()).isEqualTo(ContentHash.of(photo));
        assertThat(img1.sizeBytes()).isEqualTo(photo.length);
        assertThat(img1.modifiedAt()).isEqualTo(Files.getLastModifiedTime(family.resolve("2019/IMG_1.jpg")).toInstant());
        FileDiscovered empty = awaitEvent(FileDiscovered.class, "family:empty.jpg");
        assertThat(empty.sizeBytes()).isZero();
        awaitEvent(FileDiscovered.class, "family:2019/IMG_2.jpg");

        Files.createDirectories(family.resolve("2020"));
        Files.move(family.resolve("2019/IMG_1.jpg"), family.resolve("2020/IMG_1.jpg"));
        Files.delete(family.resolve("2019/IMG_2.jpg"));

        FileMoved moved = awaitEvent(FileMoved.class, "family:2020/IMG_1.jpg");
        assertThat(moved.from()).isEqualTo(new FileLocation("family", "2019/IMG_1.jpg"));
        assertThat(moved.contentHash()).isEqualTo(img1.contentHash());
        FileRemoved removed = awaitEvent(FileRemoved.class, "family:2019/IMG_2.jpg");
        assertThat(removed.contentHash()).isEqualTo(ContentHash.of("another".getBytes(StandardCharsets.UTF_8)));

        assertThat(events()).noneMatch(e -> e.key().contains("DS_Store") || e.key().contains("@eaDir")
                || e.key().endsWith(".part"));
        // each file was published exactly once although the scanner saw it every second
        assertThat(events()).filteredOn(e -> e.key().equals("family:empty.jpg")).hasSize(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                Files.readString(LibraryFolderTestProfile.STATE.resolve("published-files.tsv")))
                .contains("family\t2020/IMG_1.jpg\t").contains("family\tempty.jpg\t0\t")
                .doesNotContain("2019/IMG_2.jpg"));
    }

    @Test
    void anEmptiedRootWhileFilesAreKnownPublishesNoRemovalsAndRaisesTheAlert() throws Exception {
        Path box = LibraryFolderTestProfile.BOX;
        write(box.resolve("a.jpg"), "a".getBytes(StandardCharsets.UTF_8));
        write(box.resolve("sub/b.jpg"), "b".getBytes(StandardCharsets.UTF_8));
        awaitEvent(FileDiscovered.class, "box:a.jpg");
        awaitEvent(FileDiscovered.class, "box:sub/b.jpg");
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("darkroom_ingest_root_unavailable{root=\"box\"} 0.0")));

        // the Storage Box is unmounted: its mount point is an empty folder
        Files.delete(box.resolve("a.jpg"));
        Files.delete(box.resolve("sub/b.jpg"));
        Files.delete(box.resolve("sub"));

        await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("darkroom_ingest_root_unavailable{root=\"box\"} 1.0")));
        Thread.sleep(2_500); // two more scans
        assertThat(events()).noneMatch(e -> e instanceof FileRemoved && e.key().startsWith("box:"));

        // mounted again (files written anew, so they are published again): the alert clears
        write(box.resolve("a.jpg"), "a".getBytes(StandardCharsets.UTF_8));
        write(box.resolve("sub/b.jpg"), "b".getBytes(StandardCharsets.UTF_8));
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("darkroom_ingest_root_unavailable{root=\"box\"} 0.0")));
    }

    @Test
    void theLauncherReadsTheKnownFilesGauge() {
        write(LibraryFolderTestProfile.FAMILY.resolve("gauge/c.jpg"), "c".getBytes(StandardCharsets.UTF_8));
        awaitEvent(FileDiscovered.class, "family:gauge/c.jpg");

        await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("darkroom_ingest_files_known "))
                .body(containsString("darkroom_ingest_files_hashed_total "))
                .body(containsString("darkroom_ingest_hashed_bytes_total "))
                .body(containsString("darkroom_ingest_files_published_total "))
                .body(containsString("darkroom_ingest_files_moved_total "))
                .body(containsString("darkroom_ingest_files_removed_total ")));
        given().get("/q/health/ready").then().statusCode(200);
    }

    private <T extends FileEvent> T awaitEvent(Class<T> type, String key) {
        return await().atMost(WAIT).until(() -> find(type, key), Optional::isPresent).orElseThrow();
    }

    private <T extends FileEvent> Optional<T> find(Class<T> type, String key) {
        return events().stream().filter(e -> type.isInstance(e) && e.key().equals(key)).map(type::cast).findFirst();
    }

    /** Every record on the topic so far, checking that each record's key is its event's key. */
    private List<FileEvent> events() {
        return records.getRecords().stream().map(this::parse).toList();
    }

    private FileEvent parse(ConsumerRecord<String, String> record) {
        try {
            FileEvent event = mapper.readValue(record.value(), FileEvent.class);
            assertThat(record.key()).isEqualTo(event.key());
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
