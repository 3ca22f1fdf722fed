package io.darkroom.index.bench;

import io.darkroom.index.domain.Extraction;
import io.darkroom.index.domain.MediaDetails;
import io.darkroom.index.domain.MediaFacts;
import io.darkroom.index.domain.TakenAtResolver;
import io.darkroom.index.metadata.MediaReader;
import io.darkroom.localstack.mariadb.MariaDbConfig;
import io.darkroom.localstack.mariadb.MariaDbServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * Files per second indexed by index-service's reader, with and without the catalog write, over the files listed
 * in a text file (one path a line). The write is what one file event costs the catalog: one transaction with the
 * item's upsert (every V1 and V2 column) and the processed-event row, on MariaDB from local-stack, through JDBC.
 * Run by {@code bench/index/run.sh}; not a test.
 *
 * <p>BATCH (default 1) is how many files share one commit: 1 is what index-service does today (one transaction per
 * file event); a larger value shows what committing a consumer poll's events together would give.
 *
 * <pre>java -cp ... io.darkroom.index.bench.IndexBenchmark LIST THREADS PASSES DATADIR [BATCH]</pre>
 */
public final class IndexBenchmark {

    private static final String UPSERT = "INSERT INTO media_item (root, relative_path, location_hash, file_name,"
            + " folder_hash, content_hash, size_bytes, modified_at, status, kind, mime_type, width, height, orientation,"
            + " taken_at, taken_at_source, taken_at_zone, camera_make, camera_model, lens, exposure_s, f_number, iso,"
            + " focal_length_mm, gps_lat, gps_lng, gps_alt, video_codec, audio_codec, fps, rotation, title,"
            + " description, keywords, rating, thumbnail_status, last_event_at)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            + " ON DUPLICATE KEY UPDATE status = VALUES(status), kind = VALUES(kind), width = VALUES(width),"
            + " height = VALUES(height), taken_at = VALUES(taken_at), camera_make = VALUES(camera_make),"
            + " gps_lat = VALUES(gps_lat), last_event_at = VALUES(last_event_at)";

    private IndexBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> files = Files.readAllLines(Path.of(args[0])).stream().filter(l -> !l.isBlank()).map(Path::of).toList();
        int threads = Integer.parseInt(args[1]);
        int passes = Integer.parseInt(args[2]);
        Path data = Path.of(args[3]);
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        MediaReader reader = new MediaReader(new TakenAtResolver(ZoneId.of("UTC")));

        run("warm-up (parse only)", files, threads, reader, null, 1);
        for (int i = 1; i <= passes; i++) {
            run("parse only, pass " + i, files, threads, reader, null, 1);
        }
        try (MariaDbServer db = MariaDbServer.start(new MariaDbConfig(data.resolve("mariadb"), 0))) {
            Flyway.configure().dataSource(db.jdbcUrl(), MariaDbServer.USER, MariaDbServer.PASSWORD)
                    .locations("classpath:db/migration").load().migrate();
            String commits = batch == 1 ? "" : ", " + batch + "/commit";
            run("warm-up (parse + catalog write" + commits + ")", files, threads, reader, db.jdbcUrl(), batch);
            for (int i = 1; i <= passes; i++) {
                run("parse + catalog write" + commits + ", pass " + i, files, threads, reader, db.jdbcUrl(), batch);
            }
        }
    }

    private static void run(String name, List<Path> files, int threads, MediaReader reader, String jdbcUrl, int batch)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger readable = new AtomicInteger();
        String pass = UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                try (Connection db = jdbcUrl == null ? null
                        : DriverManager.getConnection(jdbcUrl, MariaDbServer.USER, MariaDbServer.PASSWORD)) {
                    PreparedStatement upsert = null;
                    PreparedStatement processed = null;
                    if (db != null) {
                        db.setAutoCommit(false);
                        upsert = db.prepareStatement(UPSERT);
                        processed = db.prepareStatement("INSERT INTO processed_event (event_id) VALUES (?)");
                    }
                    int uncommitted = 0;
                    for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                        Path file = files.get(i);
                        Extraction extraction = reader.read(file, file.getFileName().toString());
                        MediaFacts facts = extraction instanceof Extraction.Readable r ? r.facts()
                                : extraction instanceof Extraction.Unreadable u ? u.known() : null;
                        if (extraction instanceof Extraction.Readable) {
                            readable.incrementAndGet();
                        }
                        if (db != null) {
                            write(upsert, processed, pass + "/" + i + "/" + file, facts, Files.size(file));
                            if (++uncommitted == batch) {
                                db.commit();
                                uncommitted = 0;
                            }
                        }
                    }
                    if (db != null) {
                        db.commit();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "%-36s %5d files (%d readable) %2d threads %8.3f s %9.1f files/s%n", name,
                files.size(), readable.get(), threads, seconds, files.size() / seconds);
    }

    private static void write(PreparedStatement upsert, PreparedStatement processed, String path, MediaFacts f,
            long size) throws SQLException, IOException {
        MediaDetails d = f == null ? MediaDetails.NONE : f.details();
        int c = 1;
        upsert.setString(c++, "bench");
        upsert.setString(c++, path);
        upsert.setBytes(c++, sha256("bench:" + path));
        upsert.setString(c++, Path.of(path).getFileName().toString());
        upsert.setBytes(c++, sha256("bench:" + pathParent(path)));
        upsert.setString(c++, hex(sha256(path)));
        upsert.setLong(c++, size);
        upsert.setTimestamp(c++, new Timestamp(System.currentTimeMillis()));
        upsert.setString(c++, f == null ? "FAILED" : "INDEXED");
        upsert.setString(c++, f == null ? null : f.kind().name());
        upsert.setString(c++, f == null ? null : cut(f.mimeType(), 127));
        upsert.setObject(c++, f == null ? null : f.width());
        upsert.setObject(c++, f == null ? null : f.height());
        upsert.setObject(c++, f == null ? null : f.orientation());
        upsert.setTimestamp(c++, f == null || f.takenAt() == null ? null : Timestamp.from(f.takenAt().instant()));
        upsert.setString(c++, f == null || f.takenAt() == null ? null : f.takenAt().source().name());
        upsert.setString(c++, f == null || f.takenAt() == null || f.takenAt().offset() == null ? null
                : f.takenAt().offset().getId());
        upsert.setString(c++, cut(d.make(), 64));
        upsert.setString(c++, cut(d.model(), 128));
        upsert.setString(c++, cut(d.lens(), 128));
        upsert.setObject(c++, d.exposureSeconds());
        upsert.setObject(c++, d.fNumber() == null || d.fNumber() > 999 ? null : d.fNumber());
        upsert.setObject(c++, d.iso());
        upsert.setObject(c++, d.focalLengthMm() == null || d.focalLengthMm() > 99_999 ? null : d.focalLengthMm());
        upsert.setObject(c++, d.gps() == null ? null : d.gps().latitude());
        upsert.setObject(c++, d.gps() == null ? null : d.gps().longitude());
        upsert.setObject(c++, d.gps() == null ? null : d.gps().altitude());
        upsert.setString(c++, cut(d.videoCodec(), 16));
        upsert.setString(c++, cut(d.audioCodec(), 16));
        upsert.setObject(c++, d.fps() == null || d.fps() > 9_999 ? null : d.fps());
        upsert.setObject(c++, d.rotation());
        upsert.setString(c++, cut(d.title(), 512));
        upsert.setString(c++, d.description());
        upsert.setString(c++, d.keywords().isEmpty() ? null : String.join("\n", d.keywords()));
        upsert.setObject(c++, d.rating());
        upsert.setString(c++, "PENDING");
        upsert.setTimestamp(c++, new Timestamp(System.currentTimeMillis()));
        upsert.executeUpdate();
        processed.setString(1, UUID.randomUUID().toString());
        processed.executeUpdate();
    }

    /** The same column limits CatalogService applies. */
    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    private static String pathParent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02x", b));
        }
        return s.toString();
    }

}
