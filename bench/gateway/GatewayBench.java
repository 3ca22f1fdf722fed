import io.darkroom.localstack.launcher.DarkroomPorts;
import io.darkroom.localstack.launcher.DarkroomService;
import io.darkroom.localstack.launcher.DarkroomSystem;
import io.darkroom.localstack.launcher.DarkroomSystemConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * api-gateway under load (issue 7's benchmark), run by bench/gateway/run.sh. Starts the local stack with index-service
 * (whose migrations create the catalog) and api-gateway as processes, fills the catalog with generated items (SQL,
 * MariaDB's sequence engine), writes tile-224 files for the first items, and measures:
 * <ol>
 * <li>the timeline (120 items a page, from random positions) at a fixed request rate: latency percentiles measured
 * from each request's scheduled start, so a stall counts against every request it delays;</li>
 * <li>the timeline with a fixed number of clients as fast as they go: requests/s;</li>
 * <li>thumbnails by content hash from the gateway and the same files from nginx (started by run.sh): requests/s.</li>
 * </ol>
 * The load comes from {@link HttpLoad} (wrk-like: one thread, keep-alive connections) on the same machine; each
 * measurement also prints the CPU milliseconds per request of the gateway, MariaDB, the load generator and nginx.
 * Prints "RESULT" lines. Arguments: WORK_DIR ITEMS RATE SECONDS CLIENTS NGINX_PORT (0: no nginx) REPO_ROOT.
 */
public class GatewayBench {

    private static final int THUMBNAILS = 2_000;
    /** For the set-up only (sign-in, token, readiness); the measurements use {@link HttpLoad}. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4)).build();

    /** Where the cores went during each measurement; set once the processes run. */
    private static CpuUse cpu;

    /** {@code Authorization} for the gateway: an admin's API token, as a script would use (one lookup per request). */
    private static String bearer;

    /** Signs in as the admin and makes an API token for the run. */
    private static String apiToken(URI gateway, String adminPassword) throws Exception {
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"admin\",\"password\":\"" + adminPassword + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new IllegalStateException("sign-in answered " + login.statusCode() + ": " + login.body());
        }
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String csrf = login.body().replaceAll(".*\"csrfToken\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/tokens"))
                .header("Content-Type", "application/json").header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 201) {
            throw new IllegalStateException("token creation answered " + token.statusCode() + ": " + token.body());
        }
        return "Bearer " + token.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int items = Integer.parseInt(args[1]);
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int clients = Integer.parseInt(args[4]);
        int nginxPort = Integer.parseInt(args[5]);
        Path repo = Path.of(args[6]).toAbsolutePath();
        Path library = Files.createDirectories(work.resolve("library"));
        DarkroomSystemConfig config = DarkroomSystemConfig.of(repo, library, work.resolve("data"),
                DarkroomPorts.free())
                .withServices(EnumSet.of(DarkroomService.INDEX, DarkroomService.API_GATEWAY));
        try (DarkroomSystem system = new DarkroomSystem(config)) {
            Runtime.getRuntime().addShutdownHook(new Thread(system::close));
            system.start();
            String db = system.localStack().jdbcUrl();
            List<String> cursors;
            List<String> hashes;
            try (Connection sql = DriverManager.getConnection(db, system.localStack().username(),
                    system.localStack().password())) {
                fill(sql, items);
                cursors = randomCursors(sql, 2_000);
                hashes = thumbnails(sql, system.storagePath());
            }
            Files.writeString(work.resolve("storage.path"), system.storagePath().toString());
            URI gateway = system.gatewayUri();
            bearer = apiToken(gateway, system.adminPassword());
            System.out.println("RESULT setup items=" + items + " gateway=" + gateway + " storage="
                    + system.storagePath());
            cpu = new CpuUse()
                    .add("gateway", system.service(DarkroomService.API_GATEWAY).processHandle().orElseThrow())
                    .add("mariadb", system.localStack().mariaDb().process())
                    .add("client", ProcessHandle.current());
            Path nginxPid = work.resolve("nginx/nginx.pid");
            if (nginxPort > 0 && Files.exists(nginxPid)) {
                cpu.add("nginx", ProcessHandle.of(Long.parseLong(Files.readString(nginxPid).strip())).orElseThrow());
            }
            Random random = new Random(42);
            Supplier<URI> timeline = () -> {
                String cursor = random.nextInt(10) == 0 ? "" : "&cursor=" + cursors.get(random.nextInt(cursors.size()));
                return gateway.resolve("/api/v1/media?limit=120" + cursor);
            };
            // warm-up: JIT, connection pool, InnoDB buffer pool (a running server's pool holds the pages the
            // family browses; a cold one reads each page's rows from disk first)
            String phases = System.getenv().getOrDefault("PHASES", "timeline,thumbnails");
            if (phases.contains("timeline")) {
                closedLoop("warmup timeline", timeline, clients, Math.max(15, seconds));
                closedLoop("timeline", timeline, clients, seconds);
                // last, on a warm server: right after the warm-up, MariaDB was still reading pages into its pool
                fixedRate("timeline", timeline, rate, seconds, clients);
            }
            if (phases.contains("thumbnails")) {
                AtomicInteger next = new AtomicInteger();
                Supplier<URI> gatewayThumb = () -> gateway.resolve(
                        "/api/v1/thumbnails/" + hashes.get(next.getAndIncrement() % hashes.size()) + "/tile-224");
                // a running gateway has compiled this path long ago: give the JIT (C2) time to finish first
                closedLoop("warmup thumbnails-gateway", gatewayThumb, clients, Math.max(15, seconds / 3));
                closedLoop("thumbnails-gateway", gatewayThumb, clients, seconds);
                if (nginxPort > 0) {
                    URI nginx = URI.create("http://127.0.0.1:" + nginxPort + "/");
                    awaitNginx(nginx, system.storagePath(), hashes.get(0));
                    Supplier<URI> nginxThumb = () -> nginx.resolve(
                            relativeThumbnail(hashes.get(next.getAndIncrement() % hashes.size())));
                    closedLoop("warmup thumbnails-nginx", nginxThumb, clients, Math.max(5, seconds / 3));
                    closedLoop("thumbnails-nginx", nginxThumb, clients, seconds);
                }
            }
        }
        System.exit(0); // the HTTP client's pool threads would keep the JVM alive
    }

    /** Generated items: dates spread over 20 years, 1 % FAILED, 1 % undated, as index-service would store them. */
    private static void fill(Connection sql, int items) throws Exception {
        try (Statement st = sql.createStatement()) {
            ResultSet count = st.executeQuery("SELECT COUNT(*) FROM media_item");
            count.next();
            long have = count.getLong(1);
            if (have == items) {
                System.out.println("catalog already holds " + items + " items");
                return;
            }
            st.execute("DELETE FROM media_item");
            long t0 = System.nanoTime();
            int chunk = 100_000;
            for (int from = 1; from <= items; from += chunk) {
                int to = Math.min(items, from + chunk - 1);
                st.execute("INSERT INTO media_item (root, relative_path, location_hash, file_name, folder_hash,"
                        + " content_hash, size_bytes, modified_at, status, kind, mime_type, width, height, orientation,"
                        + " taken_at, taken_at_source, camera_make, camera_model, thumbnail_status, last_event_at,"
                        + " failure_stage, failure_kind, failure_reason)"
                        + " SELECT 'library', CONCAT('20', LPAD(seq MOD 20, 2, '0'), '/IMG_', seq, '.jpg'),"
                        + " UNHEX(SHA2(CONCAT('library:', seq), 256)), CONCAT('IMG_', seq, '.jpg'),"
                        + " UNHEX(SHA2(CONCAT('library:20', LPAD(seq MOD 20, 2, '0')), 256)),"
                        + " SHA2(CONCAT('content', seq), 256), 3000000 + seq, '2024-01-01 00:00:00',"
                        + " IF(seq MOD 100 = 7, 'FAILED', 'INDEXED'), 'IMAGE', 'image/jpeg', 4032, 3024, 1,"
                        + " IF(seq MOD 100 = 3, NULL, TIMESTAMPADD(SECOND, (seq * 7919) MOD 631152000,"
                        + " '2005-01-01 00:00:00')), 'EXIF', 'Apple', 'iPhone 13 Pro', 'DONE', NOW(6),"
                        + " IF(seq MOD 100 = 7, 'INDEX', NULL), IF(seq MOD 100 = 7, 'CORRUPT', NULL),"
                        + " IF(seq MOD 100 = 7, 'Not a readable JPEG', NULL)"
                        + " FROM seq_" + from + "_to_" + to);
                System.out.printf("filled %d of %d items (%.0f s)%n", to, items, (System.nanoTime() - t0) / 1e9);
            }
            st.execute("ANALYZE TABLE media_item");
        }
    }

    /** Cursors at random positions of the timeline, as the API encodes them (TimelineCursor: "t1:millis:id"). */
    private static List<String> randomCursors(Connection sql, int count) throws Exception {
        List<String> cursors = new ArrayList<>();
        try (Statement st = sql.createStatement();
                ResultSet rows = st.executeQuery("SELECT UNIX_TIMESTAMP(taken_at) * 1000, id FROM media_item"
                        + " WHERE status = 'INDEXED' AND id MOD 499 = 0 LIMIT " + count)) {
            while (rows.next()) {
                String millis = rows.getString(1) == null ? "" : Long.toString(rows.getBigDecimal(1).longValue());
                String plain = "t1:" + millis + ":" + rows.getLong(2);
                cursors.add(Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return cursors;
    }

    /** A tile-224 file (about 14 KB, the size of a real one) for the first items, where thumbnail-service puts it. */
    private static List<String> thumbnails(Connection sql, Path storage) throws Exception {
        List<String> hashes = new ArrayList<>();
        try (Statement st = sql.createStatement();
                ResultSet rows = st.executeQuery("SELECT content_hash FROM media_item WHERE status = 'INDEXED'"
                        + " ORDER BY id LIMIT " + THUMBNAILS)) {
            while (rows.next()) {
                hashes.add(rows.getString(1));
            }
        }
        Random random = new Random(7);
        byte[] jpeg = new byte[14_000];
        for (String hash : hashes) {
            Path file = storage.resolve(relativeThumbnail(hash));
            if (!Files.exists(file)) {
                random.nextBytes(jpeg);
                jpeg[0] = (byte) 0xFF;
                jpeg[1] = (byte) 0xD8;
                Files.createDirectories(file.getParent());
                Files.write(file, jpeg);
            }
        }
        return hashes;
    }

    /** StorageLayout's address of a derived file: {@code <h0h1>/<h2h3>/<hash>/<name>}. */
    private static String relativeThumbnail(String hash) {
        return hash.substring(0, 2) + "/" + hash.substring(2, 4) + "/" + hash + "/tile-224.jpg";
    }

    private static void awaitNginx(URI nginx, Path storage, String hash) throws Exception {
        for (int i = 0; i < 50; i++) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(nginx.resolve(relativeThumbnail(hash))).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("nginx does not serve " + storage);
    }

    /** Fixed rate, the way wrk2 measures ({@link HttpLoad}): latency counts from each request's due time. */
    private static void fixedRate(String name, Supplier<URI> target, int rate, int seconds, int clients)
            throws Exception {
        Map<String, Long> cpuBefore = cpu.ticks();
        HttpLoad.Result result = load(target).fixedRate(clients, rate, seconds);
        System.out.printf("RESULT fixed-rate %s target_rps=%d clients=%d achieved_rps=%.0f requests=%d errors=%d"
                + " p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f p999_ms=%.1f max_ms=%.1f%n", name, rate, clients,
                result.rps(), result.requests(), result.errors(), result.ms(0.50), result.ms(0.90), result.ms(0.99),
                result.ms(0.999), result.ms(1.0));
        cpu.report("fixed-rate " + name, cpuBefore, result.requests());
    }

    /** Closed loop: {@code clients} connections, each sending its next request when the previous answer arrived. */
    private static void closedLoop(String name, Supplier<URI> target, int clients, int seconds) throws Exception {
        Map<String, Long> cpuBefore = cpu.ticks();
        HttpLoad.Result result = load(target).closedLoop(clients, seconds);
        System.out.printf("RESULT closed-loop %s clients=%d rps=%.0f requests=%d errors=%d MB_per_s=%.1f p50_ms=%.1f"
                + " p99_ms=%.1f%n", name, clients, result.rps(), result.requests(), result.errors(),
                result.bytes() / 1e6 / result.seconds(), result.ms(0.50), result.ms(0.99));
        cpu.report("closed-loop " + name, cpuBefore, result.requests());
    }

    /** The load generator for one target: its host and port, the path and query of each request. */
    private static HttpLoad load(Supplier<URI> target) {
        URI first = target.get();
        return new HttpLoad(new java.net.InetSocketAddress(first.getHost(), first.getPort()),
                first.getPath().startsWith("/api/") ? bearer : null, () -> {
                    URI uri = target.get();
                    return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
                });
    }

    /**
     * CPU time (user + system, from /proc) each process and its children used during a measurement, per request:
     * on two shared cores, which process the requests' time goes to decides what to make faster. "client" is this
     * JVM: the load generator.
     */
    private static final class CpuUse {

        private final Map<String, ProcessHandle> processes = new LinkedHashMap<>();
        private final double ticksPerMs = clockTicks() / 1000.0;

        CpuUse add(String name, ProcessHandle process) {
            processes.put(name, process);
            return this;
        }

        Map<String, Long> ticks() {
            Map<String, Long> ticks = new LinkedHashMap<>();
            processes.forEach((name, process) -> ticks.put(name, process.equals(ProcessHandle.current())
                    ? ticks(process) // the load generator alone: the system's processes are its children
                    : ticks(process) + process.descendants().mapToLong(CpuUse::ticks).sum()));
            return ticks;
        }

        void report(String measurement, Map<String, Long> before, long requests) {
            StringBuilder line = new StringBuilder("RESULT cpu " + measurement + " ms_per_request");
            ticks().forEach((name, after) -> line.append(String.format(" %s=%.3f", name,
                    (after - before.get(name)) / ticksPerMs / Math.max(1, requests))));
            System.out.println(line);
        }

        private static long ticks(ProcessHandle process) {
            try {
                String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            } catch (Exception gone) {
                return 0;
            }
        }

        private static long clockTicks() {
            try {
                Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
                return Long.parseLong(new String(getconf.getInputStream().readAllBytes()).strip());
            } catch (Exception e) {
                return 100;
            }
        }
    }
}
