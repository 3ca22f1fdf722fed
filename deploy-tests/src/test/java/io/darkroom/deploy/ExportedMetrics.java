package io.darkroom.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The darkroom_* series the services export, read from their main sources: every Micrometer registration
 * ({@code Counter.builder("darkroom.x")}, {@code registry.counter("darkroom_x", ...)}, a constant holding the
 * name), renamed the way Micrometer's Prometheus registry does: dots to underscores, {@code _total} on
 * counters, {@code _seconds_count/_sum/_max} on timers. Timers have no histogram configured, so no
 * {@code _bucket} series exist.
 */
final class ExportedMetrics {

    static final List<String> SERVICES =
            List.of("ingest-service", "index-service", "thumbnail-service", "transcode-service", "api-gateway");

    private static final Pattern CONSTANT =
            Pattern.compile("static\\s+final\\s+String\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*\"(darkroom[._][a-z0-9._-]+)\"");
    private static final Pattern BUILDER = Pattern.compile(
            "\\b(Counter|FunctionCounter|Gauge|TimeGauge|Timer|FunctionTimer|LongTaskTimer|DistributionSummary)"
                    + "\\.builder\\(\\s*(?:\"([^\"]+)\"|([A-Z][A-Z0-9_]*))");
    private static final Pattern SHORTCUT =
            Pattern.compile("\\.(counter|gauge|timer|summary)\\(\\s*(?:\"([^\"]+)\"|([A-Z][A-Z0-9_]*))");
    private static final Pattern SERIES_IN_QUERY = Pattern.compile("\\bdarkroom_[a-z0-9_]+");

    private ExportedMetrics() {
    }

    /** Every exported darkroom_* series name of the five services under {@code repo}. */
    static Set<String> scan(Path repo) {
        Set<String> series = new TreeSet<>();
        for (String service : SERVICES) {
            Path sources = repo.resolve(service).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> series.addAll(seriesIn(read(f))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return series;
    }

    /** The series one Java source registers. */
    static Set<String> seriesIn(String source) {
        Map<String, String> constants = new HashMap<>();
        Matcher constant = CONSTANT.matcher(source);
        while (constant.find()) {
            constants.put(constant.group(1), constant.group(2));
        }
        Set<String> series = new TreeSet<>();
        for (Pattern pattern : List.of(BUILDER, SHORTCUT)) {
            Matcher m = pattern.matcher(source);
            while (m.find()) {
                String name = m.group(2) != null ? m.group(2) : constants.get(m.group(3));
                if (name != null && name.startsWith("darkroom")) {
                    series.addAll(prometheusSeries(m.group(1), name));
                }
            }
        }
        return series;
    }

    /** Micrometer's Prometheus naming for one meter. */
    static Set<String> prometheusSeries(String meterType, String meterName) {
        String base = meterName.replace('.', '_').replace('-', '_');
        return switch (meterType.toLowerCase(java.util.Locale.ROOT)) {
            case "counter", "functioncounter" -> Set.of(base.endsWith("_total") ? base : base + "_total");
            case "timer", "functiontimer", "longtasktimer" -> {
                String seconds = base.endsWith("_seconds") ? base : base + "_seconds";
                yield Set.of(seconds + "_count", seconds + "_sum", seconds + "_max");
            }
            case "distributionsummary", "summary" -> Set.of(base + "_count", base + "_sum", base + "_max");
            default -> Set.of(base);
        };
    }

    /** The darkroom_* series a PromQL expression names. */
    static Set<String> namedIn(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = SERIES_IN_QUERY.matcher(promql);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
