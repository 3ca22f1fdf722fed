package io.darkroom.thumbnail.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.darkroom.events.MediaKind;
import io.darkroom.thumbnail.domain.ThumbnailFailure;
import io.darkroom.thumbnail.domain.ThumbnailSize;
import io.darkroom.thumbnail.media.MediaDecoder;
import io.darkroom.thumbnail.media.OpenCvThumbnailer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every file of the shared real-media corpus ({@code ../shared/corpus}, 256 files from 30+ makes, with broken
 * files on purpose) gets the standard sizes or a failure with a reason, and nothing else escapes: no other
 * exception, no crash of the JVM. Where the corpus states an image's dimensions, the largest fit preview must
 * match them (a HEIC grid decoded as its 320 px thumbnail would not). Skipped, saying so, where the corpus is
 * absent. The per-file outcome is written to {@code target/corpus-thumbnails.tsv}.
 */
class CorpusSuiteTest {

    @Test
    void everyCorpusFileGetsThumbnailsOrAFailureWithAReason() throws IOException {
        Path corpus = locateCorpus();
        assumeTrue(corpus != null, "../shared/corpus is absent: the real-media corpus suite is skipped");
        List<String> rows = Files.readAllLines(corpus.resolve("truth.csv"));
        OpenCvThumbnailer thumbnailer = new OpenCvThumbnailer(85,
                new MediaDecoder.Limits(200_000_000, 50_000_000, 200L << 20));

        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        StringBuilder report = new StringBuilder("path\tkind\toutcome\tdetail\tmillis\n");
        for (String row : rows.subList(1, rows.size())) {
            List<String> cells = csv(row);
            String path = cells.get(0);
            String mime = cells.get(1);
            MediaKind kind = kindOf(mime);
            Integer orientation = cells.get(4).isBlank() ? null : Integer.valueOf(cells.get(4));
            long started = System.nanoTime();
            String outcome;
            String detail;
            try {
                List<OpenCvThumbnailer.Encoded> sizes = thumbnailer.render(corpus.resolve(path), kind, orientation,
                        ThumbnailSize.STANDARD);
                assertThat(sizes).hasSize(ThumbnailSize.STANDARD.size());
                OpenCvThumbnailer.Encoded largest = sizes.get(sizes.size() - 1);
                outcome = "THUMBNAILS";
                detail = largest.width() + "x" + largest.height();
                String mismatch = sizeMismatch(kind, mime, cells, largest);
                if (mismatch != null) {
                    problems.add(path + ": " + mismatch);
                    outcome = "WRONG_SIZE";
                }
            } catch (ThumbnailFailure failure) {
                outcome = "FAILED_" + failure.kind();
                detail = failure.getMessage();
                if (detail == null || detail.isBlank()) {
                    problems.add(path + ": failure without a reason");
                }
            } catch (Exception | Error escaped) {
                outcome = "ESCAPED";
                detail = String.valueOf(escaped);
                problems.add(path + ": " + escaped);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            outcomes.merge(outcome, 1, Integer::sum);
            report.append(path).append('\t').append(kind).append('\t').append(outcome).append('\t')
                    .append(detail.replace('\t', ' ').replace('\n', ' ')).append('\t').append(millis).append('\n');
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/corpus-thumbnails.tsv"), report);
        System.out.println("Corpus thumbnails: " + (rows.size() - 1) + " files, " + outcomes);

        assertThat(problems).as("files without thumbnails or a reasoned failure").isEmpty();
        assertThat(outcomes.getOrDefault("THUMBNAILS", 0)).as("files with thumbnails").isGreaterThan(150);
    }

    /** For stills the corpus sizes: the largest fit's long edge is min(1920, the image's long edge). */
    private static String sizeMismatch(MediaKind kind, String mime, List<String> cells, OpenCvThumbnailer.Encoded fit) {
        if (kind != MediaKind.IMAGE || cells.get(2).isBlank() || cells.get(3).isBlank()) {
            return null;
        }
        int longEdge = Math.max(Integer.parseInt(cells.get(2)), Integer.parseInt(cells.get(3)));
        int expected = Math.min(fit.size().edge(), longEdge);
        int actual = Math.max(fit.width(), fit.height());
        return Math.abs(actual - expected) <= 1 ? null
                : "%s: long edge %d, expected %d (image %sx%s)".formatted(mime, actual, expected, cells.get(2), cells.get(3));
    }

    static MediaKind kindOf(String mime) {
        if (mime.startsWith("video/")) {
            return MediaKind.VIDEO;
        }
        if (mime.startsWith("image/x-") && !mime.equals("image/x-icon") && !mime.equals("image/x-ms-bmp")) {
            return MediaKind.RAW;
        }
        return MediaKind.IMAGE;
    }

    private static Path locateCorpus() {
        for (Path candidate : List.of(Path.of("../shared/corpus"), Path.of("../../shared/corpus"))) {
            if (Files.isRegularFile(candidate.resolve("truth.csv"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    /** One CSV row with quoted fields. */
    private static List<String> csv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        while (cells.size() < 20) {
            cells.add("");
        }
        return cells;
    }
}
