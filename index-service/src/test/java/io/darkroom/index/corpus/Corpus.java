package io.darkroom.index.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared real-media corpus at {@code ../shared/corpus} beside the repository (or {@code -Ddarkroom.corpus=}).
 * Its files are read in place, never copied into the repository.
 */
public final class Corpus {

    public static final String SKIP_MESSAGE = "../shared/corpus is absent: the real-media accuracy suite is skipped "
            + "(it runs where the shared corpus sits beside the repository, or with -Ddarkroom.corpus=DIR)";

    private Corpus() {
    }

    public static Optional<Path> locate() {
        String configured = System.getProperty("darkroom.corpus");
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            return Files.isRegularFile(dir.resolve("truth.csv")) ? Optional.of(dir) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/corpus").normalize();
            if (Files.isRegularFile(candidate.resolve("truth.csv"))) {
                return Optional.of(candidate);
            }
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("events"))) {
                break; // the repository root: shared/ sits beside it or nowhere
            }
        }
        return Optional.empty();
    }

    /** Rows of a CSV file with a header line, as header → value maps (RFC 4180 quoting). */
    public static List<Map<String, String>> readCsv(Path csv) throws IOException {
        List<List<String>> records = parse(Files.readString(csv, StandardCharsets.UTF_8));
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < record.size() ? record.get(i) : "");
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
