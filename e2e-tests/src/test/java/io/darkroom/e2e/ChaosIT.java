package io.darkroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.darkroom.localstack.launcher.DarkroomPorts;
import io.darkroom.localstack.launcher.DarkroomService;
import io.darkroom.localstack.launcher.DarkroomSystem;
import io.darkroom.localstack.launcher.DarkroomSystemConfig;
import io.darkroom.platform.testing.ExifData;
import io.darkroom.platform.testing.JpegFixtures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes under load: while the system works through a library of generated photos and a few
 * videos (more dropped in between), each service is killed with SIGKILL and restarted in turn, then the Kafka broker,
 * then MariaDB. Afterwards every file must be catalogued exactly once with its thumbnails (and transcodes), every
 * derived file must be whole, and every consumer group must have read everything. Storage faults are
 * {@link StorageFaultsIT}'s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {

    private static final int FIRST_PHOTOS = 200;
    private static final int PHOTOS_PER_ROUND = 25;
    private static final Duration PATIENCE = Duration.ofMinutes(6);

    @TempDir
    static Path temp;

    static DarkroomSystem system;
    static Gateway gateway;
    static KafkaGroups kafka;
    static Catalog catalog;
    static Path library;
    static int photos;
    static final List<String> videos = new ArrayList<>();
    static final List<String> log = new ArrayList<>();

    @BeforeAll
    static void startOnALibraryOfPhotosAndVideos() throws IOException {
        library = Files.createDirectories(temp.resolve("library"));
        dropPhotos(FIRST_PHOTOS);
        // one browser-playable clip, two that need a transcode (MPEG-4 part 2 in QuickTime)
        addVideo("video/clip-h264.mp4", HostileFixtures.mp4(temp.resolve("scratch"), 2, 160, 120, 440));
        addVideo("video/clip-mpeg4-a.mov", HostileFixtures.video(temp.resolve("scratch"), "mov", "mpeg4", 2, 320));
        addVideo("video/clip-mpeg4-b.mov", HostileFixtures.video(temp.resolve("scratch"), "mov", "mpeg4", 3, 550));
        if (videos.isEmpty()) {
            System.out.println("[ChaosIT] ffmpeg is not installed: photos only");
        }
        Path repo = Path.of(System.getProperty("darkroom.repo", "..")).toAbsolutePath().normalize();
        system = new DarkroomSystem(DarkroomSystemConfig.of(repo, library, temp.resolve("data"), DarkroomPorts.free()))
                .start();
        gateway = new Gateway(system.gatewayUri(), system.adminPassword());
        kafka = new KafkaGroups(system.localStack().kafkaBootstrapServers());
        catalog = new Catalog(system.localStack().jdbcUrl(), system.localStack().username(),
                system.localStack().password());
    }

    private static void addVideo(String relative, byte[] bytes) {
        if (bytes != null) {
            HostileFixtures.write(library.resolve(relative), bytes);
            videos.add(relative);
        }
    }

    /** {@code count} more small photos, each with its own content. */
    private static void dropPhotos(int count) {
        for (int i = 0; i < count; i++) {
            int n = photos++;
            LocalDateTime taken = LocalDateTime.of(2018, 1, 1, 8, 0).plusHours(5L * n);
            JpegFixtures.write(library.resolve("%d/%02d/IMG_%05d.jpg".formatted(taken.getYear(),
                    taken.getMonthValue(), n)), 48 + n % 17, 36 + n % 13, ExifData.takenAt(taken));
        }
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        log.forEach(line -> System.out.println("[ChaosIT] " + line));
    }

    @Test
    @Order(1)
    void killingEachProcessInTurnLosesAndDoublesNothing() throws Exception {
        long started = System.nanoTime();
        for (DarkroomService service : List.of(DarkroomService.INGEST, DarkroomService.INDEX,
                DarkroomService.THUMBNAIL, DarkroomService.TRANSCODE, DarkroomService.API_GATEWAY)) {
            dropPhotos(PHOTOS_PER_ROUND);
            Thread.sleep(2500); // the new files are being hashed, indexed, thumbnailed
            long t = System.nanoTime();
            system.kill(service);
            system.service(service).processHandle().orElseThrow().onExit().get(30, TimeUnit.SECONDS);
            system.service(service).start();
            system.service(service).awaitReady(Duration.ofMinutes(2));
            log.add("kill -9 " + service + ", back in " + seconds(t) + " s; catalog has " + catalog.locations().size());
        }

        dropPhotos(PHOTOS_PER_ROUND);
        Thread.sleep(2500);
        long t = System.nanoTime();
        system.localStack().kafka().kill();
        system.localStack().kafka().process().onExit().get(30, TimeUnit.SECONDS);
        Thread.sleep(3000); // the services notice the broker is gone
        system.localStack().restartKafka();
        log.add("kill -9 Kafka broker, back in " + seconds(t) + " s");

        dropPhotos(PHOTOS_PER_ROUND);
        Thread.sleep(2500);
        t = System.nanoTime();
        system.localStack().mariaDb().kill();
        system.localStack().mariaDb().process().onExit().get(30, TimeUnit.SECONDS);
        Thread.sleep(3000);
        system.localStack().restartMariaDb();
        log.add("kill -9 MariaDB, back in " + seconds(t) + " s");

        awaitSettled();
        log.add("settled " + seconds(started) + " s after the first kill");

        List<String> catalogued = catalog.locations();
        assertThat(catalogued).as("catalogued exactly once").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(catalogued)).as("every file catalogued").isEqualTo(filesInLibrary());
        assertEveryItemComplete();
        assertDerivedFilesWhole();
        assertNothingUnread();
        for (var process : system.serviceProcesses()) {
            assertThat(process.isAlive()).as(process + " alive").isTrue();
        }
    }

    private static void awaitSettled() {
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(3)).ignoreExceptions()
                .until(() -> HostileFilesIT.settled(catalog, kafka, filesInLibrary().size()));
    }

    private static Set<String> filesInLibrary() throws IOException {
        try (Stream<Path> walk = Files.walk(library)) {
            return walk.filter(Files::isRegularFile).map(f -> DarkroomSystem.LIBRARY_ROOT + ":"
                    + library.relativize(f).toString().replace('\\', '/')).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void assertEveryItemComplete() {
        List<JsonNode> items = gateway.allMedia();
        for (JsonNode item : items) {
            String path = item.get("path").asText();
            assertThat(HostileFilesIT.text(item, "status")).as(path + " " + HostileFilesIT.outcome(item))
                    .isEqualTo("INDEXED");
            assertThat(HostileFilesIT.text(item, "thumbnailStatus")).as(path + " " + HostileFilesIT.outcome(item))
                    .isEqualTo("DONE");
            if (videos.contains(path)) {
                assertThat(HostileFilesIT.text(item, "transcodeStatus")).as(path + " " + HostileFilesIT.outcome(item))
                        .isEqualTo("DONE");
            }
        }
        List<String> missingThumbnails = catalog.rows("SELECT i.relative_path FROM media_item i LEFT JOIN"
                + " media_thumbnail t ON t.content_hash = i.content_hash WHERE t.content_hash IS NULL");
        assertThat(missingThumbnails).as("items without a thumbnail row").isEmpty();
    }

    /** No temporary file left behind, every thumbnail decodes, every transcode has its MP4 boxes. */
    private static void assertDerivedFilesWhole() throws IOException {
        List<String> partial = new ArrayList<>();
        int images = 0;
        int transcodes = 0;
        try (Stream<Path> walk = Files.walk(system.storagePath())) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || name.contains(".partial") || name.endsWith(".tmp")) {
                    partial.add(system.storagePath().relativize(file).toString());
                } else if (name.endsWith(".jpg")) {
                    BufferedImage image = ImageIO.read(file.toFile());
                    assertThat(image).as(file + " decodes").isNotNull();
                    images++;
                } else if (name.endsWith(".mp4")) {
                    byte[] head = Files.readAllBytes(file);
                    String boxes = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
                    assertThat(boxes).as(file + " is a whole MP4").contains("ftyp").contains("moov").contains("mdat");
                    transcodes++;
                }
            }
        }
        assertThat(partial).as("temporary files in the derived-files folder").isEmpty();
        List<String> rows = catalog.rows("SELECT storage_path FROM media_thumbnail");
        for (String relative : rows) {
            assertThat(system.storagePath().resolve(relative)).as("thumbnail on disk").isNotEmptyFile();
        }
        log.add("derived files: " + images + " thumbnails decode, " + transcodes + " transcodes whole, no temporary files");
    }

    private static void assertNothingUnread() {
        Map<String, Map<String, Long>> lag = kafka.lag();
        lag.forEach((group, partitions) -> assertThat(partitions.values()).as(group + " lag").allMatch(l -> l == 0));
        List<KafkaGroups.DeadLetter> letters = kafka.deadLetters();
        for (KafkaGroups.DeadLetter letter : letters) {
            assertThat(letter.reason()).as("dead letter from " + letter.topic() + " " + letter.key()).isNotBlank();
        }
        log.add("consumer lag 0 in " + lag.keySet() + "; dead letters: " + letters.size()
                + letters.stream().map(l -> "\n    " + l).collect(Collectors.joining()));
    }

    private static long seconds(long since) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }

    static {
        ImageIO.setUseCache(false);
    }
}
