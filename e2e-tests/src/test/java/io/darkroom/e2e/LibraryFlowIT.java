package io.darkroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.darkroom.localstack.launcher.DarkroomPorts;
import io.darkroom.localstack.launcher.DarkroomSystem;
import io.darkroom.localstack.launcher.DarkroomSystemConfig;
import io.darkroom.platform.testing.ExifData;
import io.darkroom.platform.testing.JpegFixtures;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton, end to end: the local stack and all five services run as processes from their packaged
 * jars, exactly as {@code ./darkroom up} starts them; photos are dropped into the library folder and must
 * appear in the API with their EXIF dates and dimensions, while broken files show up as failed with a reason.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LibraryFlowIT {

    private static final int PHOTOS = 200;
    private static final LocalDateTime FIRST_TAKEN = LocalDateTime.of(2019, 12, 20, 17, 8, 32);
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    @TempDir
    static Path temp;

    static DarkroomSystem system;
    static Gateway gateway;
    static Path library;
    /** relative path → the instant its EXIF says it was taken */
    static final Map<String, Instant> expectedTakenAt = new HashMap<>();

    @BeforeAll
    static void startTheSystemOnALibraryOfGeneratedPhotos() throws IOException {
        library = Files.createDirectories(temp.resolve("library"));
        for (int i = 0; i < PHOTOS; i++) {
            LocalDateTime taken = FIRST_TAKEN.plusHours(7L * i);
            String relative = "%d/IMG_%04d.jpg".formatted(taken.getYear(), i);
            Path file = Files.createDirectories(library.resolve(relative).getParent()).resolve(relative.substring(5));
            // Every third photo carries its time-zone offset, so the stored instant is exact.
            ExifData exif = i % 3 == 0 ? ExifData.takenAt(taken).withOffset(ZoneOffset.ofHours(1)) : ExifData.takenAt(taken);
            JpegFixtures.write(file, 64 + i % 5, 48 + i % 7, exif);
            if (i % 3 == 0) {
                expectedTakenAt.put(relative, taken.toInstant(ZoneOffset.ofHours(1)));
            }
        }
        JpegFixtures.writeEmpty(library.resolve("empty.jpg"));
        JpegFixtures.writeCorrupt(library.resolve("corrupt.jpg"), 4096, 42);

        Path repo = Path.of(System.getProperty("darkroom.repo", "..")).toAbsolutePath().normalize();
        system = new DarkroomSystem(DarkroomSystemConfig.of(repo, library, temp.resolve("data"), DarkroomPorts.free()))
                .start();
        gateway = new Gateway(system.gatewayUri(), system.adminPassword());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void everyPhotoIsListedWithItsDateAndDimensions() {
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2))
                .until(() -> gateway.allMedia().size() >= PHOTOS + 2);

        Map<String, JsonNode> byPath = byPath(gateway.allMedia());
        assertThat(byPath).hasSize(PHOTOS + 2);
        for (int i = 0; i < PHOTOS; i++) {
            LocalDateTime taken = FIRST_TAKEN.plusHours(7L * i);
            String relative = "%d/IMG_%04d.jpg".formatted(taken.getYear(), i);
            JsonNode item = byPath.get(relative);
            assertThat(item).as(relative).isNotNull();
            assertThat(item.get("status").asText()).as(relative).isEqualTo("INDEXED");
            assertThat(item.get("width").asInt()).as(relative).isEqualTo(64 + i % 5);
            assertThat(item.get("height").asInt()).as(relative).isEqualTo(48 + i % 7);
            assertThat(item.get("takenAtSource").asText()).as(relative).isEqualTo("EXIF");
            Instant listed = Instant.parse(item.get("takenAt").asText());
            if (expectedTakenAt.containsKey(relative)) {
                assertThat(listed).as(relative).isEqualTo(expectedTakenAt.get(relative));
            } else {
                // Without an offset the wall-clock time is kept as is (read as UTC).
                assertThat(listed).as(relative).isEqualTo(taken.toInstant(ZoneOffset.UTC));
            }
        }
    }

    @Test
    @Order(2)
    void brokenFilesAreListedAsFailedWithAReason() {
        Map<String, JsonNode> byPath = byPath(gateway.allMedia());

        JsonNode empty = byPath.get("empty.jpg");
        assertThat(empty.get("status").asText()).isEqualTo("FAILED");
        assertThat(empty.get("failure").get("kind").asText()).isEqualTo("EMPTY");
        assertThat(empty.get("failure").get("reason").asText()).isNotBlank();

        JsonNode corrupt = byPath.get("corrupt.jpg");
        assertThat(corrupt.get("status").asText()).isEqualTo("FAILED");
        assertThat(corrupt.get("failure").get("reason").asText()).isNotBlank();
    }

    @Test
    @Order(3)
    void timelineIsNewestFirst() {
        List<JsonNode> indexed = gateway.allMedia().stream().filter(i -> i.get("status").asText().equals("INDEXED"))
                .toList();
        List<Instant> dates = indexed.stream().map(i -> Instant.parse(i.get("takenAt").asText())).toList();
        assertThat(dates).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    @Order(4)
    void everyPhotoGetsItsThumbnailsInTheDerivedFilesFolder() {
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2))
                .until(() -> gateway.status().get("thumbnailsDone").asLong() >= PHOTOS);

        JsonNode status = gateway.status();
        assertThat(status.get("indexed").asLong()).isEqualTo(PHOTOS);
        assertThat(status.get("failed").asLong()).isEqualTo(2);
        JsonNode first = byPath(gateway.allMedia()).get("2019/IMG_0000.jpg");
        assertThat(first.get("thumbnailStatus").asText()).isEqualTo("DONE");
        String hash = first.get("contentHash").asText();
        Path tiles = system.storagePath().resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
        assertThat(tiles.resolve("tile-224.jpg")).isNotEmptyFile();
        assertThat(tiles).isDirectoryNotContaining("glob:**.partial");
    }

    @Test
    @Order(5)
    void aPhotoDroppedWhileRunningAppears() throws IOException {
        Path late = Files.createDirectories(library.resolve("late")).resolve("IMG_20240601_120000.jpg");
        JpegFixtures.write(late, 80, 60, ExifData.takenAt(LocalDateTime.of(2024, 6, 1, 12, 0))
                .withOffset(ZoneOffset.ofHours(2)));

        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2))
                .until(() -> byPath(gateway.allMedia()).containsKey("late/IMG_20240601_120000.jpg"));

        JsonNode item = byPath(gateway.allMedia()).get("late/IMG_20240601_120000.jpg");
        assertThat(Instant.parse(item.get("takenAt").asText())).isEqualTo(Instant.parse("2024-06-01T10:00:00Z"));
    }

    @Test
    @Order(6)
    void everyServiceReportsHealthAndMetrics() {
        for (var service : system.serviceProcesses()) {
            var probe = new Gateway(service.baseUri(), null);
            assertThat(probe.anonymous("q/health").statusCode()).as(service.toString()).isEqualTo(200);
            assertThat(probe.anonymous("q/metrics").body()).as(service.toString()).contains("jvm_memory_used_bytes");
        }
    }

    @Test
    @Order(8)
    void aFavouriteTravelsThroughIndexServiceIntoTheFilteredTimeline() {
        JsonNode item = byPath(gateway.allMedia()).get("2019/IMG_0000.jpg");
        long id = item.get("id").asLong();
        HttpResponse<String> marked = gateway.send("PATCH", "api/v1/media/" + id, "{\"favourite\":true}");
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(202);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> gateway.media("favourite=true").stream().anyMatch(i -> i.get("id").asLong() == id));
        assertThat(gateway.media("favourite=true")).hasSize(1);
    }

    @Test
    @Order(7)
    void theLibraryIsClosedToAnyoneNotSignedIn() {
        assertThat(gateway.anonymous("api/v1/media").statusCode()).isEqualTo(401);
        assertThat(gateway.anonymous("api/v1/library/status").statusCode()).isEqualTo(401);
        assertThat(gateway.raw("api/v1/auth/me").body()).contains("\"role\":\"admin\"");
    }

    @Test
    @Order(9)
    void anAdminsReindexHasTheThumbnailsMadeAgainThroughTheWholePipeline() throws IOException {
        JsonNode item = byPath(gateway.allMedia()).get("2019/IMG_0001.jpg");
        assertThat(item.get("thumbnailStatus").asText()).isEqualTo("DONE");
        String hash = item.get("contentHash").asText();
        Path tile = system.storagePath().resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash)
                .resolve("tile-224.jpg");
        byte[] made = Files.readAllBytes(tile);
        Files.write(tile, new byte[] {0, 1, 2, 3}); // a bad tile from an older version: a plain re-announcement keeps it

        HttpResponse<String> asked = gateway.send("POST", "api/v1/library/reindex",
                "{\"items\":[\"" + item.get("id").asLong() + "\"]}");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        assertThat(asked.body()).contains("\"requested\":1");

        // gateway -> index-service (re-read, MediaIndexed with redo) -> thumbnail-service (rewrites) -> index-service
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> java.util.Arrays.equals(Files.readAllBytes(tile), made));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> "DONE".equals(byPath(gateway.allMedia()).get("2019/IMG_0001.jpg").get("thumbnailStatus")
                        .asText()));
        HttpResponse<String> retry = gateway.send("POST", "api/v1/library/reindex", "{\"failed\":true}");
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        assertThat(retry.body()).contains("\"requested\":2"); // empty.jpg and corrupt.jpg
    }

    private static Map<String, JsonNode> byPath(List<JsonNode> items) {
        return items.stream().collect(Collectors.toMap(i -> i.get("path").asText(), Function.identity(), (a, b) -> a));
    }
}
