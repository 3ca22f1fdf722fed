package io.darkroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.darkroom.localstack.launcher.DarkroomPorts;
import io.darkroom.localstack.launcher.DarkroomService;
import io.darkroom.localstack.launcher.DarkroomSystem;
import io.darkroom.localstack.launcher.DarkroomSystemConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of the shared real-media corpus ({@code ../shared/corpus/files}, 256 photos, videos, RAWs and sidecars
 * from other projects' test suites) through the whole system: each must end catalogued exactly once and settled,
 * complete (indexed, thumbnails and transcode done), a sidecar (nothing to make), or failed with a short reason the
 * API shows; every consumer group must read everything and no service may restart. Prints a table of outcomes by
 * file type. Skips itself, saying so, where the corpus is absent (a fresh clone without {@code shared/} beside it).
 */
class CorpusIT {

    static final String SKIP_MESSAGE = "../shared/corpus is absent: the real-media corpus run is skipped (it runs "
            + "where the shared corpus sits beside the repository, or with -Ddarkroom.corpus=DIR)";
    /** A few minutes at a load of 15 from other builds; the bound leaves room for the slowest decode's deadline. */
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    @TempDir
    static Path temp;

    static DarkroomSystem system;
    static Gateway gateway;
    static KafkaGroups kafka;
    static Catalog catalog;
    static Path corpus;
    static Path library;
    static final Map<DarkroomService, Long> pids = new EnumMap<>(DarkroomService.class);
    static final Map<String, String> exiftoolMime = new TreeMap<>();
    static long started;

    /** What became of one file. */
    enum Outcome {
        /** indexed, thumbnails made, and its transcode where it is a video */
        COMPLETE,
        /** an XMP/JSON/AAE sidecar: catalogued, nothing to make */
        SIDECAR,
        /** the item or a stage failed, with a reason */
        FAILED,
        /** still pending, or in no state above */
        UNSETTLED
    }

    @BeforeAll
    static void startOnACopyOfTheCorpus() throws IOException {
        Path repo = Path.of(System.getProperty("darkroom.repo", "..")).toAbsolutePath().normalize();
        Optional<Path> found = locate(repo);
        if (found.isEmpty()) {
            System.out.println("[CorpusIT] " + SKIP_MESSAGE); // the report shows a skipped class only as 0 tests
        }
        Assumptions.assumeTrue(found.isPresent(), SKIP_MESSAGE);
        corpus = found.get();
        readExiftoolTypes();
        // Real files, not links: ingest-service must see what a family's folder holds.
        library = Files.createDirectories(temp.resolve("library"));
        Path files = corpus.resolve("files");
        try (Stream<Path> walk = Files.walk(files)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path copy = library.resolve(files.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        System.out.printf("[CorpusIT] %d files from %s; load average %s%n", filesInLibrary().size(), corpus,
                loadAverage());
        started = System.nanoTime();
        system = new DarkroomSystem(DarkroomSystemConfig.of(repo, library, temp.resolve("data"), DarkroomPorts.free()))
                .start();
        System.out.printf("[CorpusIT] system ready in %d s%n", seconds(started));
        gateway = new Gateway(system.gatewayUri(), system.adminPassword());
        kafka = new KafkaGroups(system.localStack().kafkaBootstrapServers());
        catalog = new Catalog(system.localStack().jdbcUrl(), system.localStack().username(),
                system.localStack().password());
        for (var process : system.serviceProcesses()) {
            pids.put(process.service(), process.processHandle().orElseThrow().pid());
        }
    }

    /** {@code -Ddarkroom.corpus=DIR}, or {@code shared/corpus} beside the repository (as index-service's suite finds it). */
    static Optional<Path> locate(Path repo) {
        String configured = System.getProperty("darkroom.corpus");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured).toAbsolutePath()
                : repo.resolve("../shared/corpus").normalize();
        return Files.isRegularFile(dir.resolve("truth.csv")) && Files.isDirectory(dir.resolve("files"))
                ? Optional.of(dir) : Optional.empty();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void everyFileEndsCataloguedOnceAndSettledWithAReasonWhereItFailed() {
        awaitSettled();
        System.out.printf("[CorpusIT] settled %d s after the start; load average %s%n", seconds(started),
                loadAverage());

        List<String> catalogued = catalog.locations();
        assertThat(catalogued).as("catalogued exactly once").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(catalogued)).as("every file catalogued").isEqualTo(filesInLibrary());

        Map<String, JsonNode> items = itemsByPath();
        Map<String, JsonNode> failures = HostileFilesIT.byPath(gateway.failures());
        Map<String, Outcome> outcomes = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        items.forEach((path, item) -> {
            Outcome outcome = outcomeOf(item);
            outcomes.put(path, outcome);
            if (outcome == Outcome.UNSETTLED) {
                problems.add(path + ": not settled: " + HostileFilesIT.outcome(item));
            } else if (outcome == Outcome.FAILED) {
                reasonProblem(path, item, failures).ifPresent(problems::add);
            }
        });
        printTables(items, outcomes);
        assertThat(problems).as("items neither complete, a sidecar, nor failed with a short reason shown by the API")
                .isEmpty();

        List<String> missingThumbnails = catalog.rows("SELECT i.relative_path FROM media_item i LEFT JOIN"
                + " media_thumbnail t ON t.content_hash = i.content_hash WHERE i.thumbnail_status = 'DONE'"
                + " AND t.content_hash IS NULL");
        assertThat(missingThumbnails).as("items with thumbnails DONE but no thumbnail row").isEmpty();

        Map<String, Map<String, Long>> lag = kafka.lag();
        lag.forEach((group, partitions) -> assertThat(partitions.values()).as(group + " lag").allMatch(l -> l == 0));
        List<KafkaGroups.DeadLetter> letters = kafka.deadLetters();
        letters.forEach(letter -> System.out.println("[CorpusIT] dead letter: " + letter));
        for (KafkaGroups.DeadLetter letter : letters) {
            assertThat(letter.reason()).as("dead letter from " + letter.topic() + " " + letter.key()).isNotBlank();
        }
        System.out.printf("[CorpusIT] lag 0 in %s; %d dead letter(s)%n", lag.keySet(), letters.size());

        for (var process : system.serviceProcesses()) {
            assertThat(process.isAlive()).as(process + " alive").isTrue();
            assertThat(process.processHandle().orElseThrow().pid()).as(process + " never restarted")
                    .isEqualTo(pids.get(process.service()));
        }
    }

    static Outcome outcomeOf(JsonNode item) {
        String status = HostileFilesIT.text(item, "status");
        String thumbnails = HostileFilesIT.text(item, "thumbnailStatus");
        String transcode = HostileFilesIT.text(item, "transcodeStatus");
        if ("PENDING".equals(thumbnails) || "PENDING".equals(transcode)) {
            return Outcome.UNSETTLED;
        }
        if ("FAILED".equals(status) || "FAILED".equals(thumbnails) || "FAILED".equals(transcode)) {
            return Outcome.FAILED;
        }
        if ("INDEXED".equals(status) && "SIDECAR".equals(HostileFilesIT.text(item, "kind")) && thumbnails == null
                && transcode == null) {
            return Outcome.SIDECAR;
        }
        if ("INDEXED".equals(status) && "DONE".equals(thumbnails)) {
            return Outcome.COMPLETE;
        }
        return Outcome.UNSETTLED;
    }

    /** Why a failed item's reason does not meet the promise, or empty when it does. */
    private static Optional<String> reasonProblem(String path, JsonNode item, Map<String, JsonNode> failures) {
        JsonNode failure = item.get("failure");
        if (failure == null || failure.isNull()) {
            return Optional.of(path + ": failed without a failure in its detail: " + HostileFilesIT.outcome(item));
        }
        String reason = failure.get("reason").asText();
        if (reason.isBlank() || reason.length() >= 400 || reason.contains("Exception") || reason.contains("\tat ")) {
            return Optional.of(path + ": reason not short and plain: " + reason);
        }
        if (!failures.containsKey(path)) {
            return Optional.of(path + ": failed but not listed in /api/v1/library/failures");
        }
        return Optional.empty();
    }

    /**
     * Waits until every file is catalogued, no stage is pending and every group has read everything; on timeout fails
     * with what is still pending, which groups lag, and the dead letters.
     */
    private static void awaitSettled() {
        int files = filesInLibrary().size();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String last = "";
        while (true) {
            try {
                if (HostileFilesIT.settled(catalog, kafka, files)) {
                    return;
                }
                last = "";
            } catch (RuntimeException e) {
                last = "the catalog or Kafka did not answer: " + e.getMessage() + "\n";
            }
            if (System.nanoTime() > deadline) {
                fail("Not settled within " + PATIENCE + ":\n" + last + pendingReport(files));
            }
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** What keeps the library from settling: items missing or pending, groups lagging, dead letters. */
    private static String pendingReport(int files) {
        StringBuilder report = new StringBuilder();
        try {
            report.append("catalogued ").append(catalog.rows("SELECT id FROM media_item").size()).append(" of ")
                    .append(files).append(" files\n");
            TreeSet<String> missing = new TreeSet<>(filesInLibrary());
            missing.removeAll(catalog.locations());
            missing.forEach(location -> report.append("  not catalogued: ").append(location).append('\n'));
            catalog.rows("SELECT relative_path, status, kind, mime_type, thumbnail_status, transcode_status,"
                    + " failure_stage, failure_reason FROM media_item WHERE thumbnail_status = 'PENDING'"
                    + " OR transcode_status = 'PENDING' ORDER BY relative_path")
                    .forEach(row -> report.append("  pending: ").append(row).append('\n'));
            report.append("library status: ").append(gateway.status()).append('\n');
        } catch (RuntimeException e) {
            report.append("the catalog did not answer: ").append(e.getMessage()).append('\n');
        }
        try {
            kafka.lag().forEach((group, partitions) -> partitions.forEach((partition, lag) -> {
                if (lag != 0) {
                    report.append("  lag ").append(group).append(' ').append(partition).append(": ").append(lag)
                            .append('\n');
                }
            }));
            kafka.deadLetters().forEach(letter -> report.append("  dead letter: ").append(letter).append('\n'));
        } catch (RuntimeException e) {
            report.append("Kafka did not answer: ").append(e.getMessage()).append('\n');
        }
        for (var process : system.serviceProcesses()) {
            if (!process.isAlive()) {
                report.append("  not running: ").append(process).append('\n');
            }
        }
        report.append("services' logs: ").append(temp.resolve("data/logs"));
        return report.toString();
    }

    /** Two markdown tables (by extension, by exiftool's MIME type) and every failure with its reason. */
    private static void printTables(Map<String, JsonNode> items, Map<String, Outcome> outcomes) {
        Map<String, Tally> byExtension = new TreeMap<>();
        Map<String, Tally> byMime = new TreeMap<>();
        Tally total = new Tally();
        List<String> failed = new ArrayList<>();
        items.forEach((path, item) -> {
            Outcome outcome = outcomes.get(path);
            JsonNode failure = item.get("failure");
            String why = failure == null || failure.isNull() ? null
                    : failure.get("stage").asText() + "/" + failure.get("kind").asText();
            String mime = exiftoolMime.getOrDefault("files/" + path, "");
            for (Tally tally : List.of(byExtension.computeIfAbsent(extension(path), e -> new Tally()),
                    byMime.computeIfAbsent(mime.isEmpty() ? "(none)" : mime, m -> new Tally()), total)) {
                tally.add(outcome, why, HostileFilesIT.text(item, "transcodeStatus") != null);
            }
            if (outcome == Outcome.FAILED) {
                failed.add("| %s | %s | %s | %s |".formatted(path, mime, why,
                        failure == null || failure.isNull() ? "" : failure.get("reason").asText().replace("|", "\\|")));
            }
        });
        StringBuilder out = new StringBuilder("\n[CorpusIT] outcomes by extension\n\n");
        out.append(Tally.HEADER.formatted("extension"));
        byExtension.forEach((extension, tally) -> out.append(tally.row(extension)));
        out.append(total.row("**all**"));
        out.append("\n[CorpusIT] outcomes by exiftool's MIME type (truth.csv)\n\n");
        out.append(Tally.HEADER.formatted("MIME type"));
        byMime.forEach((mime, tally) -> out.append(tally.row(mime)));
        out.append("\n[CorpusIT] failures\n\n| file | exiftool MIME | stage/kind | reason |\n|---|---|---|---|\n");
        failed.forEach(line -> out.append(line).append('\n'));
        System.out.println(out);
    }

    /** Counts of one table row. */
    private static final class Tally {

        static final String HEADER = "| %s | files | complete | of which videos | sidecar | failed (stage/kind) |"
                + " unsettled |\n|---|---|---|---|---|---|---|\n";

        int files;
        final Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        int videos;
        final Map<String, Integer> failures = new TreeMap<>();

        void add(Outcome outcome, String why, boolean video) {
            files++;
            counts.merge(outcome, 1, Integer::sum);
            if (outcome == Outcome.COMPLETE && video) {
                videos++;
            }
            if (outcome == Outcome.FAILED) {
                failures.merge(why == null ? "?" : why, 1, Integer::sum);
            }
        }

        String row(String label) {
            int failed = counts.getOrDefault(Outcome.FAILED, 0);
            String detail = failures.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            return "| %s | %d | %d | %d | %d | %s | %d |\n".formatted(label, files,
                    counts.getOrDefault(Outcome.COMPLETE, 0), videos, counts.getOrDefault(Outcome.SIDECAR, 0),
                    failed == 0 ? "0" : failed + " (" + detail + ")", counts.getOrDefault(Outcome.UNSETTLED, 0));
        }
    }

    /** Each catalogued file's detail as the API serves it (a stack's files are one on the timeline). */
    private static Map<String, JsonNode> itemsByPath() {
        Map<String, JsonNode> items = new TreeMap<>();
        for (String row : catalog.rows("SELECT id, relative_path FROM media_item")) {
            String[] idAndPath = row.split("\\|", 2);
            items.put(idAndPath[1], gateway.item(Long.parseLong(idAndPath[0])));
        }
        return items;
    }

    private static String extension(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "(none)" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** truth.csv's path → mime (its first two columns; paths hold no commas). */
    private static void readExiftoolTypes() throws IOException {
        List<String> lines = Files.readAllLines(corpus.resolve("truth.csv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split(",", 3);
            if (columns.length >= 2) {
                exiftoolMime.put(columns[0], columns[1]);
            }
        }
    }

    private static TreeSet<String> filesInLibrary() {
        try (Stream<Path> walk = Files.walk(library)) {
            return walk.filter(Files::isRegularFile).map(f -> DarkroomSystem.LIBRARY_ROOT + ":"
                    + library.relativize(f).toString().replace('\\', '/')).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static long seconds(long since) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }
}
