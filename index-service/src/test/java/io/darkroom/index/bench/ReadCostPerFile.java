package io.darkroom.index.bench;

import io.darkroom.index.domain.TakenAtResolver;
import io.darkroom.index.metadata.MediaReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One thread's metadata read per file once the JIT has settled: index-service's {@link MediaReader} over the listed
 * files PASSES times in one JVM, each file's median over the second half of the passes, summed per extension. Run it
 * with and without {@code -XX:TieredStopAtLevel=1} to compare C1's code with C2's (docs/PERFORMANCE.md, "C1 only").
 * Run by {@code bench/index/read-cost.sh}; not a test.
 *
 * <pre>java -cp ... io.darkroom.index.bench.ReadCostPerFile LIST PASSES</pre>
 */
public final class ReadCostPerFile {

    private ReadCostPerFile() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> files = Files.readAllLines(Path.of(args[0])).stream().filter(l -> !l.isBlank()).map(Path::of).toList();
        int passes = Integer.parseInt(args[1]);
        MediaReader reader = new MediaReader(new TakenAtResolver(ZoneId.of("UTC")));
        long[][] nanos = new long[passes][files.size()];
        for (int pass = 0; pass < passes; pass++) {
            long started = System.nanoTime();
            for (int i = 0; i < files.size(); i++) {
                long before = System.nanoTime();
                reader.read(files.get(i), files.get(i).getFileName().toString());
                nanos[pass][i] = System.nanoTime() - before;
            }
            System.out.printf(Locale.ROOT, "pass %2d: %8.1f ms%n", pass + 1, (System.nanoTime() - started) / 1e6);
        }
        Map<String, double[]> byExtension = new TreeMap<>(); // extension -> {sum of medians in ms, files}
        double total = 0;
        for (int i = 0; i < files.size(); i++) {
            long[] settled = new long[Math.max(1, passes / 2)];
            for (int k = 0; k < settled.length; k++) {
                settled[k] = nanos[passes - settled.length + k][i];
            }
            Arrays.sort(settled);
            double median = settled[settled.length / 2] / 1e6;
            total += median;
            double[] sum = byExtension.computeIfAbsent(extension(files.get(i)), e -> new double[2]);
            sum[0] += median;
            sum[1]++;
        }
        byExtension.forEach((extension, sum) -> System.out.printf(Locale.ROOT, "%-6s %4.0f files %8.3f ms per file%n",
                extension, sum[1], sum[0] / sum[1]));
        System.out.printf(Locale.ROOT, "RESULT %d files, settled read %.3f ms per file (median of the last %d passes)%n",
                files.size(), total / files.size(), Math.max(1, passes / 2));
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "(none)" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
