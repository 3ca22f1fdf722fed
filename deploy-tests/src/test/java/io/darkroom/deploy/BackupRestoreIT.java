package io.darkroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.localstack.mariadb.MariaDbConfig;
import io.darkroom.localstack.mariadb.MariaDbServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/backup/mariadb-dump.sh against a real MariaDB holding index-service's catalog schema: the dump it
 * writes, loaded after the database is gone, brings back every row byte for byte (binary keys, utf8mb4 names).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupRestoreIT {

    private static final String SNAPSHOT = "SELECT id, root, relative_path, HEX(location_hash), file_name, content_hash, status, "
            + "taken_at, last_event_at FROM media_item ORDER BY id; "
            + "SELECT * FROM media_thumbnail ORDER BY content_hash, size_name; "
            + "SELECT event_id FROM processed_event ORDER BY event_id; "
            + "CHECKSUM TABLE media_item, media_thumbnail, processed_event EXTENDED;";

    private Path dir;
    private MariaDbServer server;
    private Path bin;

    @BeforeAll
    void start(@TempDir Path dir) {
        this.dir = dir;
        server = MariaDbServer.start(MariaDbConfig.freePort(dir.resolve("mariadb")));
        bin = dir.resolve("mariadb/base/bin");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aNightlyDumpRestoresTheCatalog() throws Exception {
        for (Path migration : migrations()) {
            sql(MariaDbServer.DATABASE, Files.readString(migration));
        }
        sql(MariaDbServer.DATABASE, """
                INSERT INTO media_item (root, relative_path, location_hash, file_name, content_hash, status, taken_at, last_event_at)
                VALUES ('library', '2024/IMG_0001.JPG', UNHEX(SHA2('library:2024/IMG_0001.JPG', 256)), 'IMG_0001.JPG',
                        REPEAT('a', 64), 'INDEXED', '2024-05-01 10:11:12.345', '2024-05-02 00:00:00.000001'),
                       ('library', 'Sommer/Müller 🌊.heic', UNHEX(SHA2('library:Sommer/Müller 🌊.heic', 256)), 'Müller 🌊.heic',
                        REPEAT('b', 64), 'INDEXED', NULL, '2024-05-02 00:00:01'),
                       ('library', 'broken.mov', UNHEX(SHA2('library:broken.mov', 256)), 'broken.mov',
                        NULL, 'FAILED', NULL, '2024-05-02 00:00:02');
                INSERT INTO media_thumbnail (content_hash, size_name, width, height, format, storage_path)
                VALUES (REPEAT('a', 64), 'fit-320', 320, 240, 'jpeg', 'aa/aa/aaaa-fit-320.jpg'),
                       (REPEAT('a', 64), 'tile-256', 256, 256, 'jpeg', 'aa/aa/aaaa-tile-256.jpg');
                INSERT INTO processed_event (event_id) VALUES ('6f1c6f0e-0000-4000-8000-000000000001');
                """);
        String before = sql(MariaDbServer.DATABASE, SNAPSHOT);
        assertThat(before).contains("Müller 🌊.heic", "fit-320", "6f1c6f0e-0000-4000-8000-000000000001");

        Path backups = dir.resolve("backup");
        Tools.Result dump = dumpScript(backups);
        assertThat(dump.exitCode()).as(dump.output()).isZero();
        List<Path> dumps;
        try (Stream<Path> files = Files.list(backups)) {
            dumps = files.toList();
        }
        assertThat(dumps).singleElement().satisfies(f -> assertThat(f.getFileName().toString()).matches("darkroom-\\d{8}T\\d{6}Z\\.sql\\.gz"));

        // The database is lost; the dump (which creates it) brings it back.
        sql("mysql", "DROP DATABASE " + MariaDbServer.DATABASE + ";");
        Tools.Result restore = Tools.run(dir, 120, "bash", "-c", "zcat \"$0\" | \"$1\" -h 127.0.0.1 -P \"$2\" -u \"$3\" -p\"$4\"",
                dumps.get(0).toString(), bin.resolve("mariadb").toString(), Integer.toString(server.port()),
                MariaDbServer.USER, MariaDbServer.PASSWORD);
        assertThat(restore.exitCode()).as(restore.output()).isZero();

        assertThat(sql(MariaDbServer.DATABASE, SNAPSHOT)).isEqualTo(before);
    }

    @Test
    void aFailedDumpLeavesNoBackupBehind() throws Exception {
        Path backups = dir.resolve("broken-backup");
        Tools.Result dump = dumpScript(backups, "DB_PASSWORD", "wrong");
        assertThat(dump.exitCode()).isNotZero();
        try (Stream<Path> files = Files.list(backups)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    private Tools.Result dumpScript(Path backups, String... overrides) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Tools.deploy("backup/mariadb-dump.sh").toString())
                .directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("DARKROOM_DUMP_VIA", "local");
        env.put("DARKROOM_BACKUP_DIR", backups.toString());
        env.put("DB_HOST", "127.0.0.1");
        env.put("DB_PORT", Integer.toString(server.port()));
        env.put("DB_NAME", MariaDbServer.DATABASE);
        env.put("DB_USER", MariaDbServer.USER);
        env.put("DB_PASSWORD", MariaDbServer.PASSWORD);
        for (int i = 0; i < overrides.length; i += 2) {
            env.put(overrides[i], overrides[i + 1]);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Tools.Result(process.waitFor(), output);
    }

    /** index-service's Flyway migrations, in version order. */
    private static List<Path> migrations() throws IOException {
        try (Stream<Path> files = Files.list(Tools.repo().resolve("index-service/src/main/resources/db/migration"))) {
            List<Path> sorted = new ArrayList<>(files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).toList());
            sorted.sort(Comparator.comparingInt(f -> Integer.parseInt(f.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"))));
            assertThat(sorted).isNotEmpty();
            return sorted;
        }
    }

    private String sql(String database, String statements) throws IOException, InterruptedException {
        Path script = Files.createTempFile(dir, "sql", ".sql");
        Files.writeString(script, statements);
        Tools.Result result = Tools.run(dir, 120, "bash", "-c", "\"$0\" -h 127.0.0.1 -P \"$1\" -u \"$2\" -p\"$3\" --default-character-set=utf8mb4 -B \"$4\" < \"$5\"",
                bin.resolve("mariadb").toString(), Integer.toString(server.port()), MariaDbServer.USER, MariaDbServer.PASSWORD,
                database, script.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output();
    }
}
