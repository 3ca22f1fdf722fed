import io.darkroom.localstack.launcher.DarkroomPorts;
import io.darkroom.localstack.launcher.DarkroomService;
import io.darkroom.localstack.launcher.DarkroomSystem;
import io.darkroom.localstack.launcher.DarkroomSystemConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * index-service as it runs: the packaged service (a process, with its own settings: 2 extraction threads,
 * darkroom.index.batch.size from its config or DARKROOM_INDEX_BATCH_SIZE) on the local stack (Kafka, MariaDB).
 * Per pass, one FileDiscovered per listed file goes onto media.files.v1, and the pass ends when the service has
 * recorded every one of them (processed_event rows): Kafka in, metadata read, catalog transaction, media.indexed
 * out, offsets acknowledged. Each pass catalogues new items: the files are hard-linked (copied where a link is
 * refused) under pass-N/ folders of the service's library root, outside the timing. Content hashes are
 * SHA-256 of the path (index-service does not hash; ingest does). Run by bench/index/run.sh.
 *
 * <pre>ServiceBench WORK REPO LIST PASSES</pre>
 */
public class ServiceBench {

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        Path repo = Path.of(args[1]).toAbsolutePath();
        List<Path> files = Files.readAllLines(Path.of(args[2])).stream().filter(l -> !l.isBlank()).map(Path::of).toList();
        int passes = Integer.parseInt(args[3]);
        Path library = work.resolve("service-library");
        deleteTree(library);
        deleteTree(work.resolve("service-data"));
        for (int pass = 0; pass <= passes; pass++) {
            for (int i = 0; i < files.size(); i++) {
                link(files.get(i), library.resolve("pass-" + pass).resolve("%05d".formatted(i))
                        .resolve(files.get(i).getFileName().toString()));
            }
        }
        DarkroomSystemConfig config = DarkroomSystemConfig.of(repo, library, work.resolve("service-data"),
                DarkroomPorts.free()).withServices(EnumSet.of(DarkroomService.INDEX));
        try (DarkroomSystem system = new DarkroomSystem(config)) {
            Runtime.getRuntime().addShutdownHook(new Thread(system::close));
            system.start();
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.localStack().kafkaBootstrapServers());
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props);
                    Connection db = DriverManager.getConnection(system.localStack().jdbcUrl(),
                            system.localStack().username(), system.localStack().password())) {
                for (int pass = 0; pass <= passes; pass++) {
                    long before = processed(db);
                    java.util.Map<String, Long> statementsBefore = statements(db);
                    long started = System.nanoTime();
                    for (int i = 0; i < files.size(); i++) {
                        String relative = "pass-" + pass + "/" + "%05d".formatted(i) + "/" + files.get(i).getFileName();
                        Path linked = library.resolve(relative);
                        producer.send(new ProducerRecord<>("media.files.v1", DarkroomSystem.LIBRARY_ROOT + ":" + relative,
                                discovered(relative, Files.size(linked), Files.getLastModifiedTime(linked).toInstant())));
                    }
                    producer.flush();
                    long deadline = started + TimeUnit.MINUTES.toNanos(15);
                    while (processed(db) - before < files.size()) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("pass " + pass + ": only " + (processed(db) - before)
                                    + " of " + files.size() + " events recorded after 15 min");
                        }
                        Thread.sleep(20);
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf(Locale.ROOT, "RESULT service %-8s %5d files %8.3f s %9.1f files/s%n",
                            pass == 0 ? "warm-up" : "pass " + pass, files.size(), seconds, files.size() / seconds);
                    java.util.Map<String, Long> statementsAfter = statements(db);
                    StringBuilder perFile = new StringBuilder("RESULT   MariaDB statements per file:");
                    statementsAfter.forEach((name, value) -> perFile.append(' ').append(name).append('=').append(
                            String.format(Locale.ROOT, "%.2f", (value - statementsBefore.getOrDefault(name, 0L))
                                    / (double) files.size())));
                    System.out.println(perFile);
                }
                // index-service's own view: batches, their transactions, the metadata reads
                java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                                + config.ports().http(DarkroomService.INDEX) + "/q/metrics")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                metrics.body().lines().filter(l -> l.startsWith("darkroom_index_batch")
                        || l.startsWith("darkroom_index_extraction_seconds_")).forEach(l -> System.out.println("RESULT " + l));
                try (Statement q = db.createStatement(); ResultSet rs = q.executeQuery(
                        "SELECT status, COUNT(*) FROM media_item GROUP BY status ORDER BY status")) {
                    StringBuilder line = new StringBuilder("RESULT catalog rows:");
                    while (rs.next()) {
                        line.append(' ').append(rs.getString(1)).append('=').append(rs.getLong(2));
                    }
                    System.out.println(line);
                }
            }
        }
        System.exit(0);
    }

    /** MariaDB's server-wide statement counters (the bench's own COUNT queries add to Com_select). */
    private static java.util.Map<String, Long> statements(Connection db) throws Exception {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        try (Statement q = db.createStatement(); ResultSet rs = q.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN"
                + " ('Com_select', 'Com_insert', 'Com_update', 'Com_commit', 'Com_stmt_execute', 'Com_stmt_prepare')")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static long processed(Connection db) throws Exception {
        try (Statement q = db.createStatement(); ResultSet rs = q.executeQuery("SELECT COUNT(*) FROM processed_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String discovered(String relative, long size, Instant modified) throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(relative.getBytes(StandardCharsets.UTF_8)));
        return "{\"type\":\"FileDiscovered\",\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\""
                + Instant.now() + "\",\"schemaVersion\":1,\"location\":{\"root\":\"" + DarkroomSystem.LIBRARY_ROOT
                + "\",\"relativePath\":" + json(relative) + "},\"contentHash\":\"" + hash + "\",\"sizeBytes\":" + size
                + ",\"modifiedAt\":\"" + modified + "\"}";
    }

    private static String json(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20) {
                s.append("\\u%04x".formatted((int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }

    private static void link(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException | SecurityException refused) {
            Files.copy(source, target);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
