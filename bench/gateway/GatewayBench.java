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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * Prints "RESULT" lines. Arguments: WORK_DIR ITEMS RATE SECONDS CLIENTS NGINX_PORT (0: no nginx) REPO_ROOT.
 */
public class GatewayBench {

    private static final int THUMBNAILS = 2_000;
    /** A request still unanswered after this counts as an error instead of stalling the run. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4)).build();

    /** {@code Authorization} for the gateway: an admin's API token, as a script would use (one lookup per request). */
    private static String bearer;

    private static HttpRequest authorized(URI target) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(TIMEOUT);
        if (bearer != null && target.getPath().startsWith("/api/")) {
            request.header("Authorization", bearer);
        }
        return request.build();
    }

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
                fixedRate("timeline", timeline, rate, seconds, clients);
                closedLoop("timeline", timeline, clients, seconds);
            }
            if (phases.contains("thumbnails")) {
                AtomicInteger next = new AtomicInteger();
                Supplier<URI> gatewayThumb = () -> gateway.resolve(
                        "/api/v1/thumbnails/" + hashes.get(next.getAndIncrement() % hashes.size()) + "/tile-224");
                closedLoop("warmup thumbnails-gateway", gatewayThumb, clients, Math.max(5, seconds / 3));
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

    /**
     * Fixed rate, the way wrk2 measures: request i is due at {@code start + i/rate}; {@code clients} connections
     * share the schedule (connection k sends requests k, k + clients, ...), each sending its next request at its
     * due time or, when behind, at once. Latency counts from the due time, so a stall counts against every request
     * it delays (no coordinated omission), and an overloaded server cannot make the client open ever more
     * connections (an unbounded asynchronous client did, and hung).
     */
    private static void fixedRate(String name, Supplier<URI> target, int rate, int seconds, int clients)
            throws Exception {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime() + 50_000_000L;
        long interval = 1_000_000_000L / rate;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int first = c;
            Thread thread = new Thread(() -> {
                for (int i = first; i < total; i += clients) {
                    long due = start + i * interval;
                    long wait = due - System.nanoTime();
                    try {
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        HttpResponse<byte[]> response = HTTP.send(authorized(target.get()),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - due;
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("RESULT fixed-rate %s target_rps=%d clients=%d achieved_rps=%.0f requests=%d errors=%d"
                + " p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f p999_ms=%.1f max_ms=%.1f%n", name, rate, clients,
                total / elapsed, total, errors.get(), ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99),
                ms(latencies, 0.999), latencies[total - 1] / 1e6);
    }

    /** Closed loop: {@code clients} threads, each sending its next request when the previous answer arrived. */
    private static void closedLoop(String name, Supplier<URI> target, int clients, int seconds) throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[2_000_000];
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = HTTP.send(authorized(target.get()),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                        bytes.addAndGet(response.body().length);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (n < mine.length) {
                        mine[n++] = System.nanoTime() - t0;
                    }
                    done.incrementAndGet();
                }
                mine[mine.length - 1] = n; // how many were recorded
            });
            thread.start();
            threads.add(thread);
        }
        long t0 = System.nanoTime();
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long[] all = latencies.stream().flatMapToLong(l -> Arrays.stream(l, 0, (int) l[l.length - 1])).sorted()
                .toArray();
        System.out.printf("RESULT closed-loop %s clients=%d rps=%.0f requests=%d errors=%d MB_per_s=%.1f p50_ms=%.1f"
                + " p99_ms=%.1f%n", name, clients, done.get() / elapsed, done.get(), errors.get(),
                bytes.get() / 1e6 / elapsed, ms(all, 0.50), ms(all, 0.99));
    }

    private static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
