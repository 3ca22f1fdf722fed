package io.darkroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.localstack.launcher.DarkroomPorts;
import io.darkroom.localstack.launcher.DarkroomService;
import io.darkroom.localstack.launcher.DarkroomSystem;
import io.darkroom.localstack.launcher.DarkroomSystemConfig;
import io.darkroom.platform.testing.ExifData;
import io.darkroom.platform.testing.JpegFixtures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage faults against the running system, one start for all: the library root vanishes (an unmounted share), it
 * vanishes while its files wait for their thumbnails, it becomes read-only, the derived-files disk fills up, and the
 * derived-files folder stops being writable, and the root vanishes while its files are being indexed and a video
 * transcoded. After each, no catalog entry is lost or doubled, the fault showed in the
 * status, and the work finished by itself once the fault cleared, with no dead letter.
 *
 * <p>The derived-files folder is a small tmpfs and the read-only root a read-only bind mount: both need {@code mount},
 * which only root may run; without it those two tests skip themselves, saying why, and the rest run on plain folders.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageFaultsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofMinutes(4);
    /** Room for every derived file of this suite (a few MB) and little more, so filling it takes a few MB of memory. */
    private static final String STORAGE_SIZE = "48m";

    @TempDir
    static Path temp;

    static final Mounts mounts = new Mounts();
    static DarkroomSystem system;
    static Gateway gateway;
    static KafkaGroups kafka;
    static Catalog catalog;
    static Path library;
    static Optional<String> noTmpfs;
    static int photos;
    static final List<String> log = new ArrayList<>();

    @BeforeAll
    static void startOnASmallLibraryWithTheDerivedFilesOnATmpfs() throws IOException {
        library = Files.createDirectories(temp.resolve("library"));
        for (int i = 0; i < 12; i++) {
            photo("start/IMG_%02d.jpg".formatted(i));
        }
        Path data = temp.resolve("data");
        Path storage = Files.createDirectories(data.resolve("storage"));
        noTmpfs = mounts.tmpfs(storage, STORAGE_SIZE);
        noTmpfs.ifPresent(why -> log.add("derived-files folder on the plain disk: " + why));
        Path repo = Path.of(System.getProperty("darkroom.repo", "..")).toAbsolutePath().normalize();
        system = new DarkroomSystem(DarkroomSystemConfig.of(repo, library, data, DarkroomPorts.free())).start();
        gateway = new Gateway(system.gatewayUri(), system.adminPassword());
        kafka = new KafkaGroups(system.localStack().kafkaBootstrapServers());
        catalog = new Catalog(system.localStack().jdbcUrl(), system.localStack().username(),
                system.localStack().password());
        awaitSettled();
    }

    @AfterAll
    static void stop() {
        try {
            if (system != null) {
                system.close();
            }
        } finally {
            mounts.close();
            log.forEach(line -> System.out.println("[StorageFaultsIT] " + line));
        }
    }

    @Test
    @Order(1)
    void aVanishedLibraryRootLosesNothingAndIsPickedUpAgainWhenItReturns() throws Exception {
        int before = catalog.locations().size();
        Path away = temp.resolve("library-unmounted");
        Files.move(library, away);
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> rootUnavailable() == 1);
            // a full reconciliation now must not take the missing root for a library whose files were all deleted
            HttpResponse<String> rescan = gateway.send("POST", "api/v1/library/rescan", "{\"root\":\"library\"}");
            assertThat(rescan.statusCode()).as(rescan.body()).isEqualTo(202);
            Thread.sleep(10_000);
            assertThat(rootUnavailable()).as("ingest reports the root unavailable").isEqualTo(1);
            assertThat(gateway.allMedia()).as("nothing vanished from the timeline").hasSize(before);
            assertThat(gateway.status().get("missing").asLong()).isZero();
        } finally {
            Files.move(away, library);
        }
        String late = photo("back/IMG_back.jpg");
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> rootUnavailable() == 0
                && HostileFilesIT.byPath(gateway.allMedia()).containsKey(late));
        awaitSettled();
        assertThat(catalog.locations()).doesNotHaveDuplicates().contains(DarkroomSystem.LIBRARY_ROOT + ":" + late);
        assertThat(gateway.status().get("missing").asLong()).isZero();
        assertEveryItemComplete();
        assertNoDeadLetter();
    }

    /**
     * Items indexed while thumbnail-service is down, whose root is gone when it comes back: they wait for the root
     * instead of being skipped as removed (which left them PENDING for good). The restart also sweeps a temporary file
     * that a writer killed mid-file left in the derived-files folder.
     */
    @Test
    @Order(2)
    void itemsWhoseRootVanishesBeforeTheirThumbnailsAreMadeWaitAndAreDoneWhenItReturns() throws Exception {
        system.service(DarkroomService.THUMBNAIL).stop();
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            dropped.add(photo("vanish/IMG_vanish_%d.jpg".formatted(i)));
        }
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> catalog.rows("SELECT id FROM"
                + " media_item WHERE relative_path LIKE 'vanish/%' AND status = 'INDEXED'").size() == dropped.size());
        Path killedMidFile = staleTemporary();
        Path away = temp.resolve("library-unmounted");
        Files.move(library, away);
        try {
            system.service(DarkroomService.THUMBNAIL).start();
            system.service(DarkroomService.THUMBNAIL).awaitReady(Duration.ofMinutes(2));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> metric(DarkroomService.THUMBNAIL, "darkroom_thumbnail_items_waiting_for_storage", "")
                            >= 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(killedMidFile));
            Thread.sleep(5_000);
            JsonNode status = gateway.status();
            log.add("root gone while thumbnails were due: status " + status + ", waiting for storage "
                    + metric(DarkroomService.THUMBNAIL, "darkroom_thumbnail_items_waiting_for_storage", ""));
            Map<String, JsonNode> items = HostileFilesIT.byPath(gateway.allMedia());
            for (String relative : dropped) {
                assertThat(HostileFilesIT.text(items.get(relative), "thumbnailStatus")).as(relative)
                        .isEqualTo("PENDING");
            }
            assertThat(status.get("queues").get("thumbnails").asLong()).as("the status shows the held work")
                    .isPositive();
            assertThat(status.get("missing").asLong()).isZero();
        } finally {
            Files.move(away, library);
        }
        awaitSettled();
        assertThat(catalog.locations()).doesNotHaveDuplicates().containsAll(dropped.stream()
                .map(relative -> DarkroomSystem.LIBRARY_ROOT + ":" + relative).toList());
        assertEveryItemComplete();
        assertDerivedFilesWhole();
        assertNoDeadLetter();
    }

    /**
     * Darkroom never writes to the originals, so a read-only library root (a share mounted {@code ro}) is a supported
     * set-up: files that others add are catalogued and thumbnailed as usual (the derived files live elsewhere). Only
     * uploads need to write into the root: they are refused with a 503 and a reason until it is writable again, and
     * an upload refused half-way continues where it stopped.
     */
    @Test
    @Order(3)
    void aReadOnlyLibraryRootIsReadAsUsualAndOnlyRefusesUploadsUntilItIsWritable() throws Exception {
        byte[] jpeg = JpegFixtures.bytes(333, 222, ExifData.NONE);
        JsonNode started = json(gateway.send("POST", "api/v1/uploads", uploadRequest("upload-before.jpg", jpeg)), 201);
        String id = started.get("id").asText();
        Path writable = Files.createDirectories(temp.resolve("library-rw"));
        mounts.bind(library, writable).ifPresent(why -> Assumptions.abort("cannot mount here (needs root): " + why));
        String added;
        try {
            mounts.readOnly(library).ifPresent(why -> Assumptions.abort("cannot mount here (needs root): " + why));
            assertThat(canWrite(library.resolve("probe"))).as("the root is read-only").isFalse();

            HttpResponse<String> chunk = gateway.putBytes("api/v1/uploads/" + id, jpeg,
                    "bytes 0-" + (jpeg.length - 1) + "/" + jpeg.length);
            HttpResponse<String> another = gateway.send("POST", "api/v1/uploads", uploadRequest("upload-during.jpg",
                    jpeg));
            log.add("read-only root: chunk answered " + chunk.statusCode() + " " + chunk.body() + "; new upload "
                    + another.statusCode() + " " + another.body());
            for (HttpResponse<String> refused : List.of(chunk, another)) {
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).contains("30");
                assertThat(JSON.readTree(refused.body()).get("detail").asText())
                        .contains("the library root 'library' is read-only");
            }
            assertThat(json(gateway.raw("api/v1/uploads/" + id), 200).get("received").asLong()).isZero();

            // another machine adds a photo to the share: read, indexed and thumbnailed as usual
            added = "readonly/IMG_added.jpg";
            JpegFixtures.write(writable.resolve(added), 401, 301, ExifData.NONE);
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> "DONE".equals(HostileFilesIT
                    .text(HostileFilesIT.byPath(gateway.allMedia()).getOrDefault(added, JSON.createObjectNode()),
                            "thumbnailStatus")));
            assertThat(gateway.send("POST", "api/v1/library/rescan", "{\"root\":\"library\"}").statusCode())
                    .isEqualTo(202);
            Thread.sleep(5_000);
            assertThat(rootUnavailable()).as("a read-only root is available").isZero();
            assertThat(gateway.status().get("missing").asLong()).isZero();
        } finally {
            mounts.unmount(library);
            mounts.unmount(writable);
        }
        assertThat(canWrite(library.resolve("probe"))).isTrue();
        JsonNode finished = json(gateway.putBytes("api/v1/uploads/" + id, jpeg,
                "bytes 0-" + (jpeg.length - 1) + "/" + jpeg.length), 200);
        String uploaded = finished.get("path").asText();
        log.add("writable again: the upload continued into " + uploaded);
        awaitSettled();
        assertThat(catalog.locations()).doesNotHaveDuplicates()
                .contains(DarkroomSystem.LIBRARY_ROOT + ":" + added, DarkroomSystem.LIBRARY_ROOT + ":" + uploaded);
        assertThat(Files.readAllBytes(library.resolve(uploaded))).isEqualTo(jpeg);
        assertEveryItemComplete();
        assertNoDeadLetter();
    }

    /**
     * The derived-files disk full (ENOSPC): new photos are catalogued, their thumbnails wait on thumbnail-service's
     * workers (not dead-lettered, no half-written file left), the status shows the held work, and once space is freed
     * they complete by themselves.
     */
    @Test
    @Order(4)
    void aFullDerivedFilesDiskHoldsThumbnailsUntilSpaceIsFreed() throws Exception {
        Assumptions.assumeTrue(noTmpfs.isEmpty(), () -> "no tmpfs of its own for the derived-files folder (mount"
                + " needs root): " + noTmpfs.orElse(""));
        Path ballast = system.storagePath().resolve("ballast.bin");
        long filled = fill(ballast);
        log.add("derived-files disk filled with " + (filled >> 10) + " KiB, "
                + Files.getFileStore(system.storagePath()).getUsableSpace() + " bytes left");
        List<String> dropped = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                dropped.add(photo("full/IMG_full_%d.jpg".formatted(i)));
            }
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> HostileFilesIT.byPath(
                    gateway.allMedia()).keySet().containsAll(dropped));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> metric(DarkroomService.THUMBNAIL, "darkroom_thumbnail_items_waiting_for_storage", "")
                            >= 1);
            Thread.sleep(5_000);
            JsonNode status = gateway.status();
            log.add("derived-files disk full: status " + status + ", waiting for storage "
                    + metric(DarkroomService.THUMBNAIL, "darkroom_thumbnail_items_waiting_for_storage", ""));
            Map<String, JsonNode> items = HostileFilesIT.byPath(gateway.allMedia());
            for (String relative : dropped) {
                assertThat(HostileFilesIT.text(items.get(relative), "thumbnailStatus")).as(relative)
                        .isEqualTo("PENDING");
            }
            assertThat(status.get("queues").get("thumbnails").asLong()).as("the status shows the held work")
                    .isPositive();
            // a failed write removes its temporary: none stays behind (one may exist for the instant of a retry)
            await().atMost(Duration.ofSeconds(10)).until(() -> temporaries().isEmpty());
        } finally {
            Files.deleteIfExists(ballast);
        }
        awaitSettled();
        assertThat(catalog.locations()).doesNotHaveDuplicates().containsAll(dropped.stream()
                .map(relative -> DarkroomSystem.LIBRARY_ROOT + ":" + relative).toList());
        assertEveryItemComplete();
        assertDerivedFilesWhole();
        assertNoDeadLetter();
    }

    /**
     * The derived-files folder read-only (its tmpfs remounted {@code ro}; without mount, a plain file put where the
     * folder was): the thumbnails wait, and complete once it is writable again.
     */
    @Test
    @Order(5)
    void anUnwritableDerivedFilesFolderHoldsTheWorkUntilItIsWritableAgain() throws Exception {
        Path storage = system.storagePath();
        Path aside = temp.resolve("storage-aside");
        if (noTmpfs.isEmpty()) {
            mounts.remount(storage, "ro");
        } else {
            // Root ignores permissions, so a plain file where the folder was stands in for an unwritable folder.
            Files.move(storage, aside);
            Files.writeString(storage, "not a folder");
        }
        List<String> dropped = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                dropped.add(photo("fault/IMG_fault_%d.jpg".formatted(i)));
            }
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> HostileFilesIT.byPath(
                    gateway.allMedia()).keySet().containsAll(dropped));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> metric(DarkroomService.THUMBNAIL, "darkroom_thumbnail_items_waiting_for_storage", "")
                            >= 1);
            JsonNode status = gateway.status();
            log.add("derived-files folder unwritable: status " + status);
            Map<String, JsonNode> items = HostileFilesIT.byPath(gateway.allMedia());
            for (String relative : dropped) {
                assertThat(HostileFilesIT.text(items.get(relative), "thumbnailStatus")).as(relative)
                        .isEqualTo("PENDING");
            }
            assertThat(status.get("thumbnailsDone").asLong()).isLessThan(status.get("items").asLong());
            assertThat(status.get("queues").get("thumbnails").asLong()).as("the status shows the work held back")
                    .isPositive();
        } finally {
            if (noTmpfs.isEmpty()) {
                mounts.remount(storage, "rw");
            } else {
                Files.delete(storage);
                Files.move(aside, storage);
            }
        }
        awaitSettled();
        assertThat(catalog.locations()).doesNotHaveDuplicates().containsAll(dropped.stream()
                .map(relative -> DarkroomSystem.LIBRARY_ROOT + ":" + relative).toList());
        assertEveryItemComplete();
        assertDerivedFilesWhole();
        assertNoDeadLetter();
    }

    /**
     * The root vanishes while its files wait to be indexed and a video waits for its transcode (bug 6): index-service
     * catalogues the files as failed, TRANSIENT, and transcode-service fails the transcode so, each with the reason in
     * {@code /library/failures}; once the root is back, index-service's {@code OutOfReachRecovery} asks for them again
     * by itself (every 2 s here: this module's failsafe environment) and every file ends complete, with no retry by
     * an admin. The services are stopped so that the root is gone exactly when they read.
     */
    @Test
    @Order(6)
    void filesWhoseRootVanishesWhileTheyAreIndexedOrTranscodedAreDoneByThemselvesWhenItReturns() throws Exception {
        system.service(DarkroomService.TRANSCODE).stop();
        String waiting = video("reach/clip-waiting.mp4", 330);
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> catalog.rows("SELECT id FROM"
                + " media_item WHERE relative_path = '" + waiting + "' AND status = 'INDEXED'"
                + " AND transcode_status = 'PENDING'").size() == 1);
        system.service(DarkroomService.INDEX).stop();
        long lagBefore = filesLag();
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            dropped.add(photo("reach/IMG_reach_%d.jpg".formatted(i)));
        }
        dropped.add(video("reach/clip-new.mp4", 550));
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> filesLag() >= lagBefore + dropped.size()); // announced by ingest, not yet read
        List<String> all = new ArrayList<>(dropped);
        all.add(waiting);
        Path away = temp.resolve("library-unmounted");
        Files.move(library, away);
        try {
            system.service(DarkroomService.INDEX).start();
            system.service(DarkroomService.TRANSCODE).start();
            system.service(DarkroomService.INDEX).awaitReady(Duration.ofMinutes(2));
            system.service(DarkroomService.TRANSCODE).awaitReady(Duration.ofMinutes(2));
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2))
                    .until(() -> HostileFilesIT.byPath(gateway.failures()).keySet().containsAll(all));
            Map<String, JsonNode> items = HostileFilesIT.byPath(gateway.allMedia());
            for (String relative : all) {
                JsonNode failure = gateway.item(items.get(relative).get("id").asLong()).get("failure");
                assertThat(failure.get("kind").asText()).as(relative).isEqualTo("TRANSIENT");
                assertThat(failure.get("reason").asText()).as(relative)
                        .startsWith("The library root 'library' was out of reach");
                log.add("root gone while read: " + relative + " " + HostileFilesIT.outcome(items.get(relative)));
            }
            assertThat(HostileFilesIT.text(items.get(waiting), "transcodeStatus")).isEqualTo("FAILED");
            assertThat(gateway.status().get("missing").asLong()).isZero();
        } finally {
            Files.move(away, library);
        }
        long back = System.nanoTime();
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> {
            Map<String, JsonNode> items = HostileFilesIT.byPath(gateway.allMedia());
            return all.stream().allMatch(relative -> items.containsKey(relative)
                    && "INDEXED".equals(HostileFilesIT.text(items.get(relative), "status"))
                    && "DONE".equals(HostileFilesIT.text(items.get(relative), "thumbnailStatus"))
                    && !"PENDING".equals(HostileFilesIT.text(items.get(relative), "transcodeStatus"))
                    && !"FAILED".equals(HostileFilesIT.text(items.get(relative), "transcodeStatus")));
        });
        log.add("root back: all " + all.size() + " complete after " + (System.nanoTime() - back) / 1_000_000
                + " ms, no admin retry");
        awaitSettled();
        assertThat(catalog.locations()).doesNotHaveDuplicates().containsAll(all.stream()
                .map(relative -> DarkroomSystem.LIBRARY_ROOT + ":" + relative).toList());
        Map<String, JsonNode> items = HostileFilesIT.byPath(gateway.allMedia());
        for (String video : List.of(waiting, dropped.get(dropped.size() - 1))) {
            assertThat(HostileFilesIT.text(items.get(video), "transcodeStatus")).as(video).isEqualTo("DONE");
        }
        assertThat(HostileFilesIT.byPath(gateway.failures()).keySet()).as("failures left").doesNotContainAnyElementsOf(all);
        List<String> rereads = Files.readAllLines(system.config().logFile(DarkroomService.INDEX)).stream()
                .filter(line -> line.contains("Re-index of item")).toList();
        assertThat(rereads).as("re-reads, all asked for by the recovery").hasSizeGreaterThanOrEqualTo(all.size())
                .allMatch(line -> line.contains("by darkroom (root back)"));
        assertEveryItemComplete();
        assertDerivedFilesWhole();
        assertNoDeadLetter();
    }

    /** A new photo of its own size (so of its own content); returns its path relative to the root. */
    private static String photo(String relative) {
        int n = photos++;
        JpegFixtures.write(library.resolve(relative), 240 + n, 180 + n % 7, ExifData.NONE);
        return relative;
    }

    /** A new two-second H.264 clip with its own tone (so its own content); returns its path relative to the root. */
    private static String video(String relative, int hz) throws IOException {
        byte[] clip = HostileFixtures.mp4(temp.resolve("scratch"), 2, 160, 120, hz);
        Assumptions.assumeTrue(clip != null, "no ffmpeg on the PATH to make a video");
        Files.createDirectories(library.resolve(relative).getParent());
        Files.write(library.resolve(relative), clip);
        return relative;
    }

    /** index-service's lag on the file events: what ingest announced that it has not read. */
    private static long filesLag() {
        return kafka.lag().getOrDefault("index-service", Map.of()).entrySet().stream()
                .filter(e -> e.getKey().startsWith("media.files.v1-")).mapToLong(Map.Entry::getValue).sum();
    }

    /** A temporary as a thumbnail writer killed between create and rename leaves it, an hour old. */
    private static Path staleTemporary() throws IOException {
        String tile = catalog.rows("SELECT storage_path FROM media_thumbnail LIMIT 1").get(0);
        Path folder = system.storagePath().resolve(tile).getParent();
        Path file = Files.write(folder.resolve(".tile-224.jpg5550123.partial"), new byte[] {(byte) 0xFF, (byte) 0xD8});
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        return file;
    }

    /** Writes {@code ballast} until the disk is full (ENOSPC); returns the bytes it holds. */
    private static long fill(Path ballast) throws IOException {
        long written = 0;
        try (OutputStream out = Files.newOutputStream(ballast)) {
            for (byte[] block : List.of(new byte[1 << 20], new byte[4096], new byte[1])) {
                try {
                    while (true) {
                        out.write(block);
                        out.flush();
                        written += block.length;
                    }
                } catch (IOException full) {
                    // the next, smaller block fills what is left
                }
            }
        } catch (IOException closingAFullFile) {
            // the last buffered bytes did not fit either
        }
        return written;
    }

    private static boolean canWrite(Path file) {
        try {
            Files.writeString(file, "probe");
            Files.delete(file);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String uploadRequest(String name, byte[] bytes) throws IOException {
        return JSON.writeValueAsString(Map.of("fileName", name, "size", bytes.length));
    }

    private static JsonNode json(HttpResponse<String> response, int expected) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    private static void awaitSettled() throws IOException {
        int files = filesInLibrary().size();
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(3)).ignoreExceptions()
                .until(() -> HostileFilesIT.settled(catalog, kafka, files));
        assertThat(new TreeSet<>(catalog.locations())).as("every file catalogued").isEqualTo(filesInLibrary());
    }

    /** The library's files, the upload folder's staging area left out. */
    private static Set<String> filesInLibrary() throws IOException {
        try (Stream<Path> walk = Files.walk(library)) {
            return walk.filter(Files::isRegularFile).map(f -> library.relativize(f).toString().replace('\\', '/'))
                    .filter(relative -> !relative.contains("/.partial/"))
                    .map(relative -> DarkroomSystem.LIBRARY_ROOT + ":" + relative)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void assertEveryItemComplete() {
        for (JsonNode item : gateway.allMedia()) {
            String path = item.get("path").asText();
            assertThat(HostileFilesIT.text(item, "status")).as(path + " " + HostileFilesIT.outcome(item))
                    .isEqualTo("INDEXED");
            assertThat(HostileFilesIT.text(item, "thumbnailStatus")).as(path + " " + HostileFilesIT.outcome(item))
                    .isEqualTo("DONE");
        }
        assertThat(catalog.rows("SELECT i.relative_path FROM media_item i LEFT JOIN media_thumbnail t"
                + " ON t.content_hash = i.content_hash WHERE t.content_hash IS NULL")).as("items without a thumbnail row")
                .isEmpty();
    }

    /** No temporary left, every thumbnail decodes, every thumbnail row's file is there. */
    private static void assertDerivedFilesWhole() throws IOException {
        assertThat(temporaries()).as("temporary files in the derived-files folder").isEmpty();
        int images = 0;
        try (Stream<Path> walk = Files.walk(system.storagePath())) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".jpg")).toList()) {
                BufferedImage image = ImageIO.read(file.toFile());
                assertThat(image).as(file + " decodes").isNotNull();
                images++;
            }
        }
        for (String relative : catalog.rows("SELECT storage_path FROM media_thumbnail")) {
            assertThat(system.storagePath().resolve(relative)).as("thumbnail on disk").isNotEmptyFile();
        }
        log.add("derived files: " + images + " thumbnails decode, no temporary file");
    }

    private static List<String> temporaries() throws IOException {
        try (Stream<Path> walk = Files.walk(system.storagePath())) {
            return walk.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(name -> name.startsWith(".") && name.contains(".partial")).toList();
        }
    }

    private static void assertNoDeadLetter() {
        Map<String, Map<String, Long>> lag = kafka.lag();
        lag.forEach((group, partitions) -> assertThat(partitions.values()).as(group + " lag").allMatch(l -> l == 0));
        assertThat(kafka.deadLetters()).as("dead-lettered records").isEmpty();
    }

    /** ingest-service's gauge for the root: 1 while it is missing or unreadable. */
    private static int rootUnavailable() throws IOException, InterruptedException {
        return (int) metric(DarkroomService.INGEST, "darkroom_ingest_root_unavailable", "root=\"library\"");
    }

    /** A gauge from a service's /q/metrics (the first line of that name holding {@code label}), or −1 when absent. */
    private static double metric(DarkroomService service, String name, String label)
            throws IOException, InterruptedException {
        URI metrics = system.service(service).baseUri().resolve("/q/metrics");
        // HTTP/1.1: the JDK client's h2c upgrade of a plain-HTTP GET once failed here on a large answer
        // ("Frame type(34) length(2976110) exceeds MAX_FRAME_SIZE")
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
        return answer.body().lines().filter(l -> (l.startsWith(name + " ") || l.startsWith(name + "{"))
                && l.contains(label)).map(l -> l.substring(l.lastIndexOf(' ') + 1))
                .mapToDouble(Double::parseDouble).findFirst().orElse(-1);
    }

    static {
        ImageIO.setUseCache(false);
    }
}
