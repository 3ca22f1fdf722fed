package io.darkroom.index.persistence;

import io.quarkus.reactive.mysql.client.MySQLPoolCreator;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.mysqlclient.MySQLPool;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The reactive pool Hibernate Reactive writes through, as Quarkus configures it, with one change: the client's
 * prepared-statement cache also keeps long statements. The Vert.x client caches only SQL of at most 2,048
 * characters by default, and a batch's multi-row INSERT of new items ({@link BatchRows}: 50 rows x 48 columns,
 * ~12,000 characters) was prepared again on every batch: a round trip, 2,400 parameter definitions to decode, and
 * MariaDB's own prepare (docs/PERFORMANCE.md, index-service). A batch's statements come in a few sizes (rows per
 * INSERT, values per IN list), well inside the cache's 256 entries per connection.
 */
@Singleton
public class CatalogPool implements MySQLPoolCreator {

    /** Characters of SQL the statement cache still keeps: a full multi-row INSERT with room to spare. */
    static final int CACHED_SQL_LIMIT = 64 * 1024;

    @Override
    public Pool create(Input input) {
        List<MySQLConnectOptions> options = input.mySQLConnectOptionsList();
        options.forEach(o -> o.setPreparedStatementCacheSqlLimit(CACHED_SQL_LIMIT));
        return MySQLPool.pool(input.vertx(), options, input.poolOptions());
    }
}
