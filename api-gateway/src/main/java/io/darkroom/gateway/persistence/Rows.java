package io.darkroom.gateway.persistence;

import io.vertx.mysqlclient.MySQLClient;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The catalog stores UTC in DATETIME(3) columns; these convert, and pick rows out of result sets. */
final class Rows {

    private Rows() {
    }

    static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(Row row, String column) {
        LocalDateTime value = row.getLocalDateTime(column);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> mapper) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(mapper.apply(iterator.next())) : Optional.empty();
    }

    static <T> List<T> all(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> out = new ArrayList<>();
        rows.forEach(row -> out.add(mapper.apply(row)));
        return out;
    }

    /** The AUTO_INCREMENT id an INSERT made. */
    static long insertedId(RowSet<Row> result) {
        return ((io.vertx.sqlclient.SqlResult<?>) result.getDelegate()).property(MySQLClient.LAST_INSERTED_ID);
    }

    /** Rows an executeBatch changed: its results are chained, one per tuple. */
    static int batchRowCount(RowSet<Row> result) {
        int count = 0;
        for (RowSet<Row> r = result; r != null; r = r.next()) {
            count += r.rowCount();
        }
        return count;
    }
}
