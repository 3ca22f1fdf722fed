package io.darkroom.gateway.testing;

import io.vertx.mutiny.sqlclient.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The catalog exactly as production has it: index-service's migrations (it owns the schema), applied in version order
 * to the local stack's database, after dropping what an earlier test class left.
 */
public final class CatalogSchema {

    private static final Path MIGRATIONS = Path.of("../index-service/src/main/resources/db/migration");

    private CatalogSchema() {
    }

    public static void recreate(Pool pool) throws IOException {
        sql(pool, "DROP TABLE IF EXISTS media_item, media_thumbnail, processed_event");
        List<Path> migrations;
        try (var files = Files.list(MIGRATIONS)) {
            migrations = files.sorted(Comparator.comparingInt(CatalogSchema::version)).toList();
        }
        for (Path migration : migrations) {
            String schema = Files.readAllLines(migration).stream()
                    .filter(line -> !line.trim().startsWith("--"))
                    .collect(Collectors.joining("\n"));
            for (String statement : schema.split(";")) {
                if (!statement.isBlank()) {
                    sql(pool, statement);
                }
            }
        }
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    private static void sql(Pool pool, String statement) {
        pool.query(statement).execute().await().indefinitely();
    }
}
