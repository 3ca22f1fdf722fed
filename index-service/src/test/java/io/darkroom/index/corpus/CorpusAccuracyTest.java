package io.darkroom.index.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.index.domain.CameraNames;
import io.darkroom.index.domain.Extraction;
import io.darkroom.index.domain.GeoPoint;
import io.darkroom.index.domain.MediaFacts;
import io.darkroom.index.domain.TakenAt;
import io.darkroom.index.domain.TakenAtResolver;
import io.darkroom.index.metadata.MediaReader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Reads every file of the shared corpus with index-service's reader and compares the result with
 * {@code truth.csv} (exiftool's reading) field by field, over the files exiftool reads without error. Prints a
 * per-field agreement table and every disagreement; fails when a gated field falls below its floor.
 *
 * <p>Rules of the comparison (see docs/metadata.md):
 * <ul>
 * <li>a field agrees when both sides are empty, or both have the same value;</li>
 * <li>taken-at: truth's wall-clock time to the millisecond, compared as an instant where truth states an offset;
 * only capture times from metadata count (a file-name or mtime fallback where truth has none agrees);</li>
 * <li>make: both sides normalised with {@link CameraNames}; model trimmed;</li>
 * <li>GPS: within 1e-4° where truth's position is valid; where truth stores 0,0 or an out-of-range value,
 * Darkroom must drop it (validation), so an empty position agrees.</li>
 * </ul>
 */
class CorpusAccuracyTest {

    /**
     * Agreement floors of the gated fields: what the reader reaches today (a regression fails the build). The
     * issue's goal is 98 %; every disagreement below it is explained in docs/metadata.md.
     */
    private static final Map<String, Double> FLOORS = Map.of(
            "taken_at", 0.99, "width", 0.97, "height", 0.97, "orientation", 0.98, "make", 0.98, "model", 0.99,
            "gps", 0.95);
    private static final Pattern OFFSET = Pattern.compile(".*([+-]\\d{2}:\\d{2}|Z)$");

    private final MediaReader reader = new MediaReader(new TakenAtResolver(ZoneId.of("UTC")));

    @Test
    void everyCorpusFileAgreesWithExiftoolOnTheGatedFields() throws Exception {
        Optional<Path> corpus = Corpus.locate();
        Assumptions.assumeTrue(corpus.isPresent(), Corpus.SKIP_MESSAGE);
        Path root = corpus.get();

        Map<String, int[]> tally = new LinkedHashMap<>();
        for (String field : List.of("taken_at", "width", "height", "orientation", "make", "model", "gps",
                "altitude", "lens", "mime", "duration", "video_codec", "audio_codec", "fps", "rotation")) {
            tally.put(field, new int[2]);
        }
        List<String> disagreements = new ArrayList<>();
        List<String> xmpConfirmed = new ArrayList<>();
        List<String> sizeConfirmed = new ArrayList<>();
        int files = 0;
        int skipped = 0;
        long started = System.nanoTime();
        for (Map<String, String> row : Corpus.readCsv(root.resolve("truth.csv"))) {
            if (!row.get("exiftool_error").isEmpty()) {
                skipped++;
                continue;
            }
            files++;
            Path file = root.resolve(row.get("path"));
            Extraction extraction = reader.read(file, file.getFileName().toString());
            // a damaged file is catalogued (and flagged) with what could be read: those facts count too
            MediaFacts facts = extraction instanceof Extraction.Readable readable ? readable.facts()
                    : extraction instanceof Extraction.Unreadable unreadable ? unreadable.known() : null;
            String note = extraction instanceof Extraction.Unreadable unreadable
                    ? " [" + unreadable.failure().reason() + "]" : "";
            Result ours = Result.of(facts);

            check(tally, disagreements, row, "taken_at", takenAtAgrees(row.get("taken_at"), ours.takenAt),
                    row.get("taken_at") + " (" + row.get("taken_at_tag") + ")", describe(ours.takenAt) + note);
            boolean sizeAgrees = same(row.get("width"), ours.width) && same(row.get("height"), ours.height);
            if (!sizeAgrees && ours.width != null && exiftoolStatesSize(root, row.get("path"), ours.width, ours.height)) {
                sizeConfirmed.add(row.get("path"));
            }
            check(tally, disagreements, row, "width", same(row.get("width"), ours.width), row.get("width"),
                    ours.width + note);
            check(tally, disagreements, row, "height", same(row.get("height"), ours.height), row.get("height"),
                    ours.height + note);
            check(tally, disagreements, row, "orientation", same(row.get("orientation"), ours.orientation),
                    row.get("orientation"), ours.orientation + note);
            check(tally, disagreements, row, "make", Objects.equals(CameraNames.make(row.get("make")), ours.make),
                    row.get("make"), ours.make + note);
            check(tally, disagreements, row, "model", Objects.equals(CameraNames.model(row.get("model")), ours.model),
                    row.get("model"), ours.model + note);
            boolean gpsAgrees = gpsAgrees(row, ours.gps);
            if (!gpsAgrees && row.get("lat").isEmpty() && ours.gps != null
                    && exiftoolXmpGpsMatches(root, row.get("path"), ours.gps)) {
                xmpConfirmed.add(row.get("path"));
            }
            check(tally, disagreements, row, "gps", gpsAgrees, row.get("lat") + "," + row.get("lng"), ours.gps + note);
            check(tally, disagreements, row, "altitude", altitudeAgrees(row, ours.gps), row.get("altitude"),
                    ours.gps == null ? null : String.valueOf(ours.gps.altitude()));
            check(tally, disagreements, row, "lens", Objects.equals(CameraNames.model(row.get("lens")), ours.lens),
                    row.get("lens"), ours.lens);
            check(tally, disagreements, row, "mime", mimeAgrees(row.get("mime"), ours.mime), row.get("mime"), ours.mime);
            check(tally, disagreements, row, "duration", durationAgrees(row.get("duration_s"), ours.durationMillis),
                    row.get("duration_s"), String.valueOf(ours.durationMillis));
            check(tally, disagreements, row, "video_codec", Objects.equals(blank(row.get("video_codec")), ours.videoCodec),
                    row.get("video_codec"), ours.videoCodec);
            check(tally, disagreements, row, "audio_codec", Objects.equals(blank(row.get("audio_codec")), ours.audioCodec),
                    row.get("audio_codec"), ours.audioCodec);
            check(tally, disagreements, row, "fps", fpsAgrees(row.get("fps"), ours.fps), row.get("fps"),
                    String.valueOf(ours.fps));
            check(tally, disagreements, row, "rotation", rotationAgrees(row.get("rotation"), ours.rotation),
                    row.get("rotation"), String.valueOf(ours.rotation));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%nCorpus accuracy: %d files compared (%d skipped: exiftool error), %d ms%n",
                files, skipped, millis));
        table.append(String.format(Locale.ROOT, "| %-12s | %5s | %5s | %7s | %s%n", "field", "agree", "files", "%", "gate"));
        for (Map.Entry<String, int[]> entry : tally.entrySet()) {
            int[] t = entry.getValue();
            Double floor = FLOORS.get(entry.getKey());
            table.append(String.format(Locale.ROOT, "| %-12s | %5d | %5d | %6.2f%% | %s%n", entry.getKey(), t[0], t[1],
                    100.0 * t[0] / t[1], floor == null ? "report" : ">= " + Math.round(floor * 100) + " %"));
        }
        int[] gps = tally.get("gps");
        table.append(String.format(Locale.ROOT, "gps disagreements where truth.csv has no position but exiftool's own"
                + " JSON has the same XMP:GPSLatitude/Longitude: %d; gps agreement with exiftool counting them: %.2f%%%n",
                xmpConfirmed.size(), 100.0 * (gps[0] + xmpConfirmed.size()) / gps[1]));
        int[] width = tally.get("width");
        table.append(String.format(Locale.ROOT, "size disagreements where exiftool's own JSON states Darkroom's size under"
                + " another tag (XMP:ExifImageWidth, SigmaRaw:ImageWidth, ...): %d %s; width/height agreement with exiftool"
                + " counting them: %.2f%%%n", sizeConfirmed.size(), sizeConfirmed,
                100.0 * (width[0] + sizeConfirmed.size()) / width[1]));
        table.append("Disagreements:\n");
        disagreements.forEach(line -> table.append("  ").append(line).append('\n'));
        System.out.println(table);

        for (Map.Entry<String, Double> floor : FLOORS.entrySet()) {
            int[] t = tally.get(floor.getKey());
            assertThat((double) t[0] / t[1]).as("agreement on %s", floor.getKey()).isGreaterThanOrEqualTo(floor.getValue());
        }
    }

    /** The corpus's Live Photo (README: lychee's train.jpg + train.mov) pairs by Apple's ContentIdentifier. */
    @Test
    void theCorpusLivePhotoPairsByContentIdentifier() {
        Optional<Path> corpus = Corpus.locate();
        Assumptions.assumeTrue(corpus.isPresent(), Corpus.SKIP_MESSAGE);
        Path samples = corpus.get().resolve("files/lychee/tests/Samples");
        MediaFacts still = ((Extraction.Readable) reader.read(samples.resolve("train.jpg"), "train.jpg")).facts();
        MediaFacts motion = ((Extraction.Readable) reader.read(samples.resolve("train.mov"), "train.mov")).facts();

        assertThat(still.details().contentIdentifier()).isEqualTo("E905E6C6-C747-4805-942F-9904A0281F02"); // MakerNote 0x0011
        assertThat(motion.details().contentIdentifier()).isEqualTo(still.details().contentIdentifier());
        assertThat(io.darkroom.index.domain.Stacks.arrange(List.of(
                new io.darkroom.index.domain.Stacks.Member(still.kind(), "train.jpg", still.details().contentIdentifier(), null),
                new io.darkroom.index.domain.Stacks.Member(motion.kind(), "train.mov", motion.details().contentIdentifier(),
                        motion.durationMillis()))))
                .containsExactly(new io.darkroom.index.domain.Stacks.Role(io.darkroom.events.MediaKind.IMAGE, true),
                        new io.darkroom.index.domain.Stacks.Role(io.darkroom.events.MediaKind.LIVE_PHOTO, false));
    }

    private static void check(Map<String, int[]> tally, List<String> disagreements, Map<String, String> row,
            String field, boolean agrees, String expected, String actual) {
        int[] t = tally.get(field);
        t[1]++;
        if (agrees) {
            t[0]++;
        } else {
            disagreements.add(field + "  " + row.get("path") + "  exiftool=" + expected + "  darkroom=" + actual);
        }
    }

    /** What the reader produced, flattened; all null for an unreadable file. */
    private record Result(TakenAt takenAt, Integer width, Integer height, Integer orientation, String make,
            String model, GeoPoint gps, String lens, String mime, Long durationMillis, String videoCodec,
            String audioCodec, Double fps, Integer rotation) {

        static Result of(MediaFacts f) {
            if (f == null) {
                return new Result(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
            }
            var d = f.details();
            return new Result(f.takenAt(), f.width(), f.height(), f.orientation(), d.make(), d.model(), d.gps(),
                    d.lens(), f.mimeType(), f.durationMillis(), d.videoCodec(), d.audioCodec(), d.fps(), d.rotation());
        }
    }

    private static boolean takenAtAgrees(String truth, TakenAt ours) {
        boolean oursFromMetadata = ours != null && ours.fromMetadata();
        if (truth.isEmpty()) {
            return !oursFromMetadata;
        }
        if (!oursFromMetadata) {
            return false;
        }
        if (OFFSET.matcher(truth).matches()) {
            Instant expected = OffsetDateTime.parse(truth).toInstant().truncatedTo(ChronoUnit.MILLIS);
            return expected.equals(ours.instant().truncatedTo(ChronoUnit.MILLIS));
        }
        LocalDateTime expected = LocalDateTime.parse(truth).truncatedTo(ChronoUnit.MILLIS);
        LocalDateTime local = ours.local() != null ? ours.local()
                : LocalDateTime.ofInstant(ours.instant(), ours.offset() != null ? ours.offset() : ZoneOffset.UTC);
        return expected.equals(local.truncatedTo(ChronoUnit.MILLIS));
    }

    private static String describe(TakenAt at) {
        return at == null ? "null" : at.local() + (at.offset() == null ? "" : at.offset().toString()) + " (" + at.source() + ")";
    }

    private static boolean same(String truth, Integer ours) {
        return truth.isEmpty() ? ours == null : ours != null && Math.round(Double.parseDouble(truth)) == ours;
    }

    private static boolean gpsAgrees(Map<String, String> row, GeoPoint ours) {
        Double lat = number(row.get("lat"));
        Double lng = number(row.get("lng"));
        Optional<GeoPoint> valid = GeoPoint.of(lat, lng, null);
        if (valid.isEmpty()) {
            return ours == null;
        }
        return ours != null && Math.abs(ours.latitude() - lat) <= 1e-4 && Math.abs(ours.longitude() - lng) <= 1e-4;
    }

    /** Whether exiftool's JSON of the file (corpus/exiftool/...json) has this position in its XMP group. */
    private static boolean exiftoolXmpGpsMatches(Path corpus, String path, GeoPoint ours) {
        Path json = corpus.resolve("exiftool").resolve(path.substring("files/".length()) + ".json");
        try {
            com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(json.toFile()).get(0);
            com.fasterxml.jackson.databind.JsonNode lat = node.get("XMP:GPSLatitude");
            com.fasterxml.jackson.databind.JsonNode lng = node.get("XMP:GPSLongitude");
            return lat != null && lng != null && lat.isNumber() && lng.isNumber()
                    && Math.abs(lat.asDouble() - ours.latitude()) <= 1e-4 && Math.abs(lng.asDouble() - ours.longitude()) <= 1e-4;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether exiftool's JSON of the file has a {@code *ImageWidth}/{@code *ImageHeight} pair of one group equal to ours. */
    private static boolean exiftoolStatesSize(Path corpus, String path, int width, Integer height) {
        Path json = corpus.resolve("exiftool").resolve(path.substring("files/".length()) + ".json");
        try {
            com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(json.toFile()).get(0);
            for (java.util.Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (name.endsWith("ImageWidth") && node.get(name).asInt() == width) {
                    com.fasterxml.jackson.databind.JsonNode h = node.get(name.substring(0, name.length() - 5) + "Height");
                    if (h != null && height != null && h.asInt() == height) {
                        return true;
                    }
                }
            }
            return false;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean altitudeAgrees(Map<String, String> row, GeoPoint ours) {
        Optional<GeoPoint> valid = GeoPoint.of(number(row.get("lat")), number(row.get("lng")), number(row.get("altitude")));
        Double expected = valid.map(GeoPoint::altitude).orElse(null);
        Double actual = ours == null ? null : ours.altitude();
        return expected == null ? actual == null : actual != null && Math.abs(expected - actual) <= 0.1;
    }

    private static boolean mimeAgrees(String truth, String ours) {
        if (truth.isEmpty()) {
            return true;
        }
        return truth.equals(ours) || (truth.equals("image/x-raw") && ours != null && ours.startsWith("image/x-"));
    }

    private static boolean durationAgrees(String truth, Long ours) {
        return truth.isEmpty() ? ours == null : ours != null && Math.abs(Double.parseDouble(truth) * 1000 - ours) <= 50;
    }

    private static boolean fpsAgrees(String truth, Double ours) {
        return truth.isEmpty() ? ours == null : ours != null && Math.abs(Double.parseDouble(truth) - ours) <= 0.05;
    }

    private static boolean rotationAgrees(String truth, Integer ours) {
        if (truth.isEmpty()) {
            return ours == null || ours == 0;
        }
        return Integer.valueOf(Integer.parseInt(truth)).equals(ours == null ? 0 : ours);
    }

    private static Double number(String text) {
        return text == null || text.isBlank() ? null : Double.valueOf(text);
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
