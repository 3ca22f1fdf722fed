import io.darkroom.events.FileEvent;
import io.darkroom.ingest.IngestConfig;
import io.darkroom.ingest.persistence.PublishedStateStore;
import io.darkroom.ingest.scan.IngestMetrics;
import io.darkroom.ingest.scan.ScanService;
import io.darkroom.platform.library.LibraryRoots;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives ingest-service's scan engine (ScanService, as the service runs it, with a sink that acknowledges every event
 * instead of Kafka) over a folder tree. Run by bench/ingest/run.sh; prints one "RESULT" line per measurement.
 *
 * <pre>
 *   first  TREE STATE [ROUNDS] first scan: walk, settle (settle time 0), hash and publish every file; with ROUNDS,
 *                            that many first scans in one JVM, each with a fresh state (STATE-1, STATE-2...): the
 *                            first one runs in a cold JVM, the later ones as a long-running service would
 *   rescan TREE STATE RUNS   RUNS rescans of the unchanged tree in one JVM (state from a previous "first")
 * </pre>
 */
public class IngestBench {

    record Config(Duration scanInterval, Duration settleTime, Path statePath, List<String> include,
            Optional<List<String>> exclude, int walkThreads, Optional<Integer> hashThreads, boolean watch,
            Duration publishTimeout)
            implements IngestConfig {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path tree = Path.of(args[1]).toAbsolutePath();
        Path state = Path.of(args[2]).toAbsolutePath();
        if (mode.equals("first") && args.length > 3) {
            int rounds = Integer.parseInt(args[3]);
            for (int round = 1; round <= rounds; round++) {
                firstScan(tree, Path.of(state + "-" + round), "round=" + round + (round == 1 ? " (cold JVM)" : ""));
            }
            return;
        }
        if (mode.equals("first")) {
            firstScan(tree, state, "");
            return;
        }
        AtomicLong published = new AtomicLong();
        ScanService service = service(tree, state, published);
        if (mode.equals("rescan")) {
            int runs = Integer.parseInt(args[3]);
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                ScanService.ScanReport report = service.scan();
                double seconds = (System.nanoTime() - t0) / 1e9;
                times.add(seconds);
                if (report.hashed() != 0 || report.unchanged() != report.filesSeen()) {
                    throw new IllegalStateException("not an unchanged rescan: " + report);
                }
                System.out.printf("RESULT rescan run=%d files=%d unchanged=%d hashed=%d seconds=%.3f%n", i + 1,
                        report.filesSeen(), report.unchanged(), report.hashed(), seconds);
            }
            List<Double> warm = new ArrayList<>(times.subList(Math.min(1, times.size() - 1), times.size()));
            warm.sort(Comparator.naturalOrder());
            System.out.printf("RESULT rescan_median_warm seconds=%.3f (runs 2..%d) heap_peak_MB=%.0f%n",
                    warm.get(warm.size() / 2), runs, peakHeapMb());
        } else {
            throw new IllegalArgumentException("mode: first | rescan");
        }
    }

    private static ScanService service(Path tree, Path state, AtomicLong published) {
        Config config = new Config(Duration.ofHours(1), Duration.ZERO, state, List.of("**"), Optional.empty(),
                Integer.getInteger("walkThreads", 4),
                Optional.ofNullable(Integer.getInteger("hashThreads")), false, Duration.ofSeconds(60));
        return new ScanService(config, new LibraryRoots(Map.of("bench", tree)), new PublishedStateStore(state),
                (List<FileEvent> events, Duration timeout) -> {
                    published.addAndGet(events.size());
                    return events;
                }, new IngestMetrics(new SimpleMeterRegistry()));
    }

    private static void firstScan(Path tree, Path state, String label) throws Exception {
        AtomicLong published = new AtomicLong();
        ScanService service = service(tree, state, published);
        long t0 = System.nanoTime();
        ScanService.ScanReport walk = service.scan();
        long files = walk.hashed();
        long bytes = walk.bytesHashed();
        while (service.nextSettleDue().isPresent()) {
            ScanService.ScanReport pass = service.settlePending();
            files += pass.hashed();
            bytes += pass.bytesHashed();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("RESULT first %s files=%d published=%d bytes=%d seconds=%.3f files_per_s=%.0f MB_per_s=%.1f"
                + " heap_peak_MB=%.0f heap_max_MB=%.0f hash_threads=%s%n", label, files, published.get(), bytes,
                seconds, files / seconds, bytes / 1e6 / seconds, peakHeapMb(), Runtime.getRuntime().maxMemory() / 1e6,
                Integer.getInteger("hashThreads", Runtime.getRuntime().availableProcessors()));
    }

    private static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1e6;
    }
}
