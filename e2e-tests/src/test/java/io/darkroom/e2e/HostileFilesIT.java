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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * Hostile files through the whole pipeline (the five services as processes on the local stack), then every topic
 * replayed from offset 0, then the packaged gateway attacked from outside ({@link SecuritySweep}). Each hostile
 * file must end catalogued once with a reason whenever it could not be shown, the good files beside them must
 * complete, no service may die, and a replay must change nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileFilesIT {

    private static final Duration PATIENCE = Duration.ofMinutes(4);

    @TempDir
    static Path temp;

    static DarkroomSystem system;
    static Gateway gateway;
    static KafkaGroups kafka;
    static Catalog catalog;
    static Path library;
    static final Map<DarkroomService, Long> pids = new EnumMap<>(DarkroomService.class);
    /** relative path → what must become of it */
    static final Map<String, Expect> expected = new LinkedHashMap<>();
    static boolean withVideo;

    /** What a file must end as. */
    enum Expect {
        /** indexed, thumbnails made */
        COMPLETE,
        /** status or a stage FAILED, with a reason */
        FAILED,
        /** either, but settled: a fuzzed file may still decode */
        SETTLED
    }

    @BeforeAll
    static void startOnALibraryOfHostileAndGoodFiles() throws IOException {
        library = Files.createDirectories(temp.resolve("library"));
        for (int i = 0; i < 5; i++) {
            expect("good/IMG_%d.jpg".formatted(i), Expect.COMPLETE, JpegFixtures.bytes(120 + i, 90,
                    ExifData.takenAt(LocalDateTime.of(2021, 3, 1 + i, 9, 0))));
        }
        byte[] clip = HostileFixtures.mp4(temp.resolve("scratch"), 2, 160, 120, 440);
        withVideo = clip != null;
        if (withVideo) {
            expect("good/clip.mp4", Expect.COMPLETE, clip);
        } else {
            System.out.println("[HostileFilesIT] ffmpeg is not installed: no good or fuzzed MP4 in this run");
        }

        expect("hostile/zero-byte.jpg", Expect.FAILED, new byte[0]);
        JpegFixtures.writeTruncated(library.resolve("hostile/truncated.jpg"), 640, 480, ExifData.NONE);
        expected.put("hostile/truncated.jpg", Expect.SETTLED);
        expect("hostile/corrupt-exif.jpg", Expect.SETTLED, HostileFixtures.corruptExifJpeg(200, 150));
        expect("hostile/png-named.jpg", Expect.SETTLED, HostileFixtures.png(64, 48));
        expect("hostile/text-named.mp4", Expect.FAILED,
                "This is not a video, only a note somebody renamed.\n".repeat(40).getBytes(StandardCharsets.UTF_8));
        expect("hostile/huge-header-jpeg.jpg", Expect.FAILED, HostileFixtures.hugeHeaderJpeg());
        expect("hostile/huge-header-png.png", Expect.FAILED, HostileFixtures.hugeHeaderPng());
        expect("hostile/bomb-over-limit.png", Expect.FAILED, HostileFixtures.decompressionBomb(20_000));
        expect("hostile/bomb-under-limit.png", Expect.SETTLED, HostileFixtures.decompressionBomb(12_000));
        byte[] valid = JpegFixtures.bytes(320, 240, ExifData.takenAt(LocalDateTime.of(2022, 7, 7, 7, 7)));
        for (int seed = 1; seed <= 4; seed++) {
            expect("hostile/fuzzed-jpeg-%d.jpg".formatted(seed), Expect.SETTLED,
                    HostileFixtures.flipped(valid, 0.002 * seed, seed));
        }
        if (withVideo) {
            for (int seed = 1; seed <= 2; seed++) {
                expect("hostile/fuzzed-video-%d.mp4".formatted(seed), Expect.SETTLED,
                        HostileFixtures.flipped(clip, 0.001 * seed, seed));
            }
        }

        Path repo = Path.of(System.getProperty("darkroom.repo", "..")).toAbsolutePath().normalize();
        system = new DarkroomSystem(DarkroomSystemConfig.of(repo, library, temp.resolve("data"), DarkroomPorts.free()))
                .start();
        gateway = new Gateway(system.gatewayUri(), system.adminPassword());
        kafka = new KafkaGroups(system.localStack().kafkaBootstrapServers());
        catalog = new Catalog(system.localStack().jdbcUrl(), system.localStack().username(),
                system.localStack().password());
        for (var process : system.serviceProcesses()) {
            pids.put(process.service(), process.processHandle().orElseThrow().pid());
        }
    }

    private static void expect(String relative, Expect expect, byte[] bytes) {
        HostileFixtures.write(library.resolve(relative), bytes);
        expected.put(relative, expect);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void eachHostileFileEndsFailedWithAReasonAndTheGoodOnesComplete() {
        awaitSettled(expected.size());

        Map<String, JsonNode> byPath = itemsByPath();
        Map<String, JsonNode> failures = byPath(gateway.failures());
        Map<String, String> outcomes = new TreeMap<>();
        for (var entry : expected.entrySet()) {
            String path = entry.getKey();
            JsonNode item = byPath.get(path);
            assertThat(item).as(path + " is catalogued").isNotNull();
            outcomes.put(path, outcome(item));
            switch (entry.getValue()) {
                case COMPLETE -> assertComplete(path, item);
                case FAILED -> assertFailedWithReason(path, item, failures);
                case SETTLED -> {
                    if (isFailed(item)) {
                        assertFailedWithReason(path, item, failures);
                    } else {
                        assertComplete(path, item);
                    }
                }
            }
        }
        outcomes.forEach((path, outcome) -> System.out.printf("[HostileFilesIT] %-28s %s%n", path, outcome));
        assertThat(catalog.locations()).as("each file catalogued exactly once").doesNotHaveDuplicates()
                .hasSize(expected.size());
    }

    @Test
    @Order(2)
    void noServiceDiedAndAGoodFileDroppedAfterwardsStillCompletes() {
        String late = "good/after-the-storm.jpg";
        HostileFixtures.write(library.resolve(late), JpegFixtures.bytes(100, 80, ExifData.NONE));
        expected.put(late, Expect.COMPLETE);
        awaitSettled(expected.size());
        assertComplete(late, itemsByPath().get(late));

        for (var process : system.serviceProcesses()) {
            assertThat(process.isAlive()).as(process + " alive").isTrue();
            assertThat(process.processHandle().orElseThrow().pid()).as(process + " never restarted")
                    .isEqualTo(pids.get(process.service()));
        }
    }

    @Test
    @Order(3)
    void replayingEveryTopicFromOffsetZeroChangesNothing() {
        awaitSettled(expected.size());
        Map<String, List<String>> before = catalog.tables();
        Map<String, String> derivedBefore = Catalog.derivedFiles(system.storagePath());
        assertThat(derivedBefore).isNotEmpty();
        Map<String, Long> consumed = new TreeMap<>();

        List<DarkroomService> consumers = List.of(DarkroomService.INGEST, DarkroomService.INDEX,
                DarkroomService.THUMBNAIL, DarkroomService.TRANSCODE);
        consumers.stream().map(service -> new Thread(() -> system.service(service).stop())).peek(Thread::start)
                .toList().forEach(HostileFilesIT::join);
        for (String group : KafkaGroups.SERVICE_GROUPS) {
            kafka.rewind(group);
        }
        assertThat(kafka.lag().get("index-service").values().stream().mapToLong(Long::longValue).sum())
                .as("index-service rewound to offset 0").isPositive();
        kafka.lag().forEach((group, lag) -> consumed.put(group, lag.values().stream().mapToLong(Long::longValue).sum()));
        System.out.println("[HostileFilesIT] records to replay per group: " + consumed);
        for (DarkroomService service : consumers) {
            system.service(service).start();
        }
        for (DarkroomService service : consumers) {
            system.service(service).awaitReady(Duration.ofMinutes(2));
        }
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> kafka.totalLag() == 0);
        // the last events' effects are committed before their offsets; give index-service's last batch a moment
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);

        assertThat(catalog.tables()).as("the catalog after the replay").isEqualTo(before);
        assertThat(Catalog.derivedFiles(system.storagePath())).as("the derived files after the replay")
                .isEqualTo(derivedBefore);
    }

    @Test
    @Order(4)
    void theGatewayHoldsAgainstASweepFromOutside() throws Exception {
        new SecuritySweep(system.gatewayUri(), gateway).run();
        assertThat(system.service(DarkroomService.API_GATEWAY).isAlive()).isTrue();
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitSettled(int files) {
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> settled(catalog, kafka, files));
    }

    /** Every file catalogued, no stage pending, every group caught up (the catalog, since a stack hides files). */
    static boolean settled(Catalog catalog, KafkaGroups kafka, int files) {
        return catalog.rows("SELECT id FROM media_item").size() >= files
                && catalog.rows("SELECT id FROM media_item WHERE thumbnail_status = 'PENDING'"
                        + " OR transcode_status = 'PENDING'").isEmpty()
                && kafka.totalLag() == 0;
    }

    /** Each catalogued file's detail, as the API serves it (the timeline shows a stack's files as one). */
    private static Map<String, JsonNode> itemsByPath() {
        Map<String, JsonNode> items = new TreeMap<>();
        for (String row : catalog.rows("SELECT id, relative_path FROM media_item")) {
            String[] idAndPath = row.split("\\|", 2);
            items.put(idAndPath[1], gateway.item(Long.parseLong(idAndPath[0])));
        }
        return items;
    }

    static boolean isSettled(JsonNode item) {
        return !"PENDING".equals(text(item, "thumbnailStatus")) && !"PENDING".equals(text(item, "transcodeStatus"));
    }

    private static boolean isFailed(JsonNode item) {
        return Set.of("FAILED").contains(text(item, "status")) || "FAILED".equals(text(item, "thumbnailStatus"))
                || "FAILED".equals(text(item, "transcodeStatus"));
    }

    private static void assertComplete(String path, JsonNode item) {
        assertThat(text(item, "status")).as(path + " " + outcome(item)).isEqualTo("INDEXED");
        assertThat(text(item, "thumbnailStatus")).as(path + " " + outcome(item)).isEqualTo("DONE");
        assertThat(text(item, "transcodeStatus")).as(path + " " + outcome(item)).isIn(null, "DONE");
    }

    private static void assertFailedWithReason(String path, JsonNode item, Map<String, JsonNode> failures) {
        assertThat(isFailed(item)).as(path + " failed: " + outcome(item)).isTrue();
        assertThat(failures).as(path + " in /library/failures").containsKey(path);
        JsonNode detail = gateway.item(item.get("id").asLong());
        JsonNode failure = detail.get("failure");
        assertThat(failure).as(path + " detail has a failure: " + detail).isNotNull();
        assertThat(failure.isNull()).as(path + " detail has a failure: " + detail).isFalse();
        String reason = failure.get("reason").asText();
        assertThat(reason).as(path).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(reason.length()).as(path + " reason is short enough to read: " + reason).isLessThan(400);
    }

    static String outcome(JsonNode item) {
        JsonNode failure = item.get("failure");
        return "status=" + text(item, "status") + " kind=" + text(item, "kind") + " thumbnails="
                + text(item, "thumbnailStatus") + " transcode=" + text(item, "transcodeStatus")
                + (failure == null || failure.isNull() ? "" : " failure=" + failure.get("stage").asText() + "/"
                + failure.get("kind").asText() + " \"" + failure.get("reason").asText() + "\"");
    }

    static String text(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static Map<String, JsonNode> byPath(List<JsonNode> items) {
        return items.stream().collect(Collectors.toMap(i -> i.get("path").asText(), Function.identity(), (a, b) -> a));
    }

    static List<String> paths(List<JsonNode> items) {
        List<String> paths = new ArrayList<>();
        items.forEach(i -> paths.add(i.get("path").asText()));
        return paths;
    }
}
