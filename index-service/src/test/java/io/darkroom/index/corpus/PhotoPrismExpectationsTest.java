package io.darkroom.index.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.index.domain.CameraNames;
import io.darkroom.index.domain.Extraction;
import io.darkroom.index.domain.MediaFacts;
import io.darkroom.index.domain.TakenAt;
import io.darkroom.index.domain.TakenAtResolver;
import io.darkroom.index.metadata.MediaReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Compares index-service's reading of the corpus with {@code photoprism-expectations.csv}: the values PhotoPrism's
 * own metadata tests assert. Only rows that apply are checked: the input is a media file or an XMP sidecar (not an
 * exiftool JSON dump) and the field has a Darkroom counterpart. PhotoPrism's conventions are PhotoPrism's
 * (TakenAt in UTC, 0 for "no position", orientation 1 for "none"), so they are applied to its side; the
 * agreement is printed per field, and a floor at today's figure catches regressions.
 */
class PhotoPrismExpectationsTest {

    private static final Set<String> FIELDS = Set.of("TakenAt", "TakenAtLocal", "Lat", "Lng", "Altitude", "CameraMake",
            "CameraModel", "Width", "Height", "Orientation", "Duration", "LensModel", "Title", "Description");
    private static final Pattern GO_UTC = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?) \\+0000 UTC");
    private static final Pattern GO_DURATION = Pattern.compile("(?:(\\d+)m)?(\\d+(?:\\.\\d+)?)(ms|s)");
    /** Overall agreement today (a regression fails the build; the goal is set against truth.csv, not this). */
    private static final double FLOOR = 0.86;

    private final MediaReader reader = new MediaReader(new TakenAtResolver(ZoneId.of("UTC")));

    @Test
    void photoPrismsOwnExpectationsWhereTheyApply() throws Exception {
        Optional<Path> corpus = Corpus.locate();
        Assumptions.assumeTrue(corpus.isPresent(), Corpus.SKIP_MESSAGE);
        Path root = corpus.get();

        Map<String, MediaFacts> read = new HashMap<>();
        Map<String, int[]> tally = new LinkedHashMap<>();
        List<String> disagreements = new ArrayList<>();
        int checked = 0;
        int agreed = 0;
        for (Map<String, String> row : Corpus.readCsv(root.resolve("photoprism-expectations.csv"))) {
            String kind = row.get("input_kind");
            String path = row.get("corpus_path");
            if (!(kind.startsWith("media:") || kind.startsWith("xmp-sidecar:")) || !FIELDS.contains(row.get("field"))
                    || path.isEmpty() || !Files.isRegularFile(root.resolve(path))) {
                continue;
            }
            MediaFacts facts = read.computeIfAbsent(path, p -> {
                Path file = root.resolve(p);
                Extraction extraction = reader.read(file, file.getFileName().toString());
                return extraction instanceof Extraction.Readable r ? r.facts()
                        : extraction instanceof Extraction.Unreadable u ? u.known() : null;
            });
            String ours = value(row.get("field"), facts);
            boolean agrees = agrees(row, ours);
            int[] t = tally.computeIfAbsent(row.get("field"), f -> new int[2]);
            t[1]++;
            checked++;
            if (agrees) {
                t[0]++;
                agreed++;
            } else {
                disagreements.add(row.get("field") + "  " + path + "  photoprism=" + row.get("expected")
                        + (row.get("tolerance").isEmpty() ? "" : " (" + row.get("assertion") + " " + row.get("tolerance") + ")")
                        + "  darkroom=" + ours + "  [" + row.get("test_file") + ":" + row.get("line") + "]");
            }
        }
        Assumptions.assumeTrue(checked > 0, "photoprism-expectations.csv has no rows that apply");

        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%nPhotoPrism expectations: %d checked over %d files, %d agree (%.2f%%)%n", checked, read.size(), agreed,
                100.0 * agreed / checked));
        tally.forEach((field, t) -> table.append(String.format(Locale.ROOT, "| %-12s | %4d / %4d | %6.2f%%%n", field,
                t[0], t[1], 100.0 * t[0] / t[1])));
        table.append("Disagreements:\n");
        disagreements.forEach(line -> table.append("  ").append(line).append('\n'));
        System.out.println(table);
        assertThat((double) agreed / checked).as("agreement with PhotoPrism's expectations").isGreaterThanOrEqualTo(FLOOR);
    }

    /** Darkroom's value for a PhotoPrism field, in PhotoPrism's terms; null when Darkroom has none. */
    private static String value(String field, MediaFacts f) {
        if (f == null) {
            return null;
        }
        var d = f.details();
        TakenAt at = f.takenAt() != null && f.takenAt().source() != io.darkroom.index.domain.TakenAtSource.FILE_MTIME
                ? f.takenAt() : null;
        return switch (field) {
            case "TakenAt" -> at == null ? null : (at.offset() != null ? LocalDateTime.ofInstant(at.instant(), ZoneOffset.UTC)
                    : local(at)).toString();
            case "TakenAtLocal" -> at == null ? null : local(at).toString();
            case "Lat" -> d.gps() == null ? null : String.valueOf(d.gps().latitude());
            case "Lng" -> d.gps() == null ? null : String.valueOf(d.gps().longitude());
            case "Altitude" -> d.gps() == null || d.gps().altitude() == null ? null : String.valueOf(d.gps().altitude());
            case "CameraMake" -> d.make();
            case "CameraModel" -> d.model();
            case "Width" -> f.width() == null ? null : String.valueOf(f.width());
            case "Height" -> f.height() == null ? null : String.valueOf(f.height());
            case "Orientation" -> f.orientation() == null ? null : String.valueOf(f.orientation());
            case "Duration" -> f.durationMillis() == null ? null : String.valueOf(f.durationMillis() / 1000.0);
            case "LensModel" -> d.lens();
            case "Title" -> d.title();
            case "Description" -> d.description();
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static LocalDateTime local(TakenAt at) {
        return at.local() != null ? at.local()
                : LocalDateTime.ofInstant(at.instant(), at.offset() != null ? at.offset() : ZoneOffset.UTC);
    }

    private static boolean agrees(Map<String, String> row, String ours) {
        String expected = row.get("expected").strip();
        String field = row.get("field");
        switch (field) {
            case "TakenAt", "TakenAtLocal" -> {
                LocalDateTime time = goTime(expected);
                if (time == null) {
                    return ours == null;
                }
                if (ours == null) {
                    return false;
                }
                LocalDateTime mine = LocalDateTime.parse(ours);
                return time.getNano() == 0 ? mine.truncatedTo(ChronoUnit.SECONDS).equals(time)
                        : mine.truncatedTo(ChronoUnit.MILLIS).equals(time.truncatedTo(ChronoUnit.MILLIS));
            }
            case "Lat", "Lng", "Altitude", "Width", "Height", "Orientation", "Duration" -> {
                double want = field.equals("Duration") ? goDuration(expected) : Double.parseDouble(expected);
                if (ours == null && field.equals("Orientation")) {
                    return want == 0 || want == 1; // PhotoPrism's "not stated", and how both show it
                }
                double mine = ours == null ? 0 : Double.parseDouble(ours); // PhotoPrism's 0: not stated
                double tolerance = row.get("tolerance").isEmpty() ? 0 : Double.parseDouble(row.get("tolerance"));
                if (field.equals("Duration")) {
                    return Math.abs(mine - want) <= Math.max(0.05, tolerance * Math.abs(want));
                }
                if (field.equals("Lat") || field.equals("Lng")) {
                    return Math.abs(mine - want) <= Math.max(1e-4, tolerance * Math.abs(want));
                }
                if (field.equals("Altitude")) {
                    return Math.abs(Math.round(mine) - want) <= Math.max(1, tolerance * Math.abs(want)); // PhotoPrism rounds to metres
                }
                return "InEpsilon".equals(row.get("assertion")) ? Math.abs(mine - want) <= tolerance * Math.abs(want) : mine == want;
            }
            case "CameraMake" -> {
                return java.util.Objects.equals(CameraNames.make(expected), ours);
            }
            default -> {
                return java.util.Objects.equals(CameraNames.model(expected), ours);
            }
        }
    }

    /** Go's time formats in the CSV; null for Go's zero time ("unset"). */
    private static LocalDateTime goTime(String text) {
        if (text.isEmpty() || text.startsWith("0001-01-01") || text.startsWith("zero time")) {
            return null;
        }
        Matcher utc = GO_UTC.matcher(text);
        if (utc.matches()) {
            return LocalDateTime.parse(utc.group(1) + "T" + utc.group(2));
        }
        return LocalDateTime.parse(text.endsWith("Z") ? text.substring(0, text.length() - 1) : text);
    }

    /** Go's {@code time.Duration.String()} ({@code 2.41s}, {@code 810.0081ms}, {@code 1m2.5s}, {@code 0s}) or plain seconds. */
    private static double goDuration(String text) {
        Matcher m = GO_DURATION.matcher(text);
        if (m.matches()) {
            double value = Double.parseDouble(m.group(2)) * (m.group(3).equals("ms") ? 0.001 : 1);
            return value + (m.group(1) == null ? 0 : Integer.parseInt(m.group(1)) * 60);
        }
        return Double.parseDouble(text);
    }
}
