package io.darkroom.index.it;

import static org.awaitility.Awaitility.await;

import io.darkroom.events.FileLocation;
import io.darkroom.index.persistence.LocationHash;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Reads catalog rows straight from MariaDB over JDBC, as the tests' independent view of what was written. */
record CatalogRows(String jdbcUrl, String user, String password) {

    /** The media_item row at a location (lower-case column names, DATETIMEs as LocalDateTime), or null. */
    Map<String, Object> row(FileLocation location) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement query = db.prepareStatement("SELECT * FROM media_item WHERE location_hash = ?")) {
            query.setBytes(1, LocationHash.of(location));
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                ResultSetMetaData meta = rs.getMetaData();
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    if (value instanceof java.sql.Timestamp timestamp) {
                        value = timestamp.toLocalDateTime();
                    }
                    row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), value);
                }
                return row;
            }
        }
    }

    /** How many times the event was recorded as processed (0 or 1: the consumers' idempotency record). */
    long processed(java.util.UUID eventId) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement query = db.prepareStatement(
                        "SELECT COUNT(*) FROM processed_event WHERE event_id = ?")) {
            query.setString(1, eventId.toString());
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The single number a query with one parameter answers, e.g. a COUNT(*). */
    long count(String sql, Object parameter) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A row's item id. */
    static long id(Map<String, Object> row) {
        return ((Number) row.get("id")).longValue();
    }

    /** Waits until the row at a location has the status, then returns it. */
    Map<String, Object> awaitRow(FileLocation location, String status, Duration wait) throws SQLException {
        await().atMost(wait).until(() -> {
            Map<String, Object> row = row(location);
            return row != null && status.equals(row.get("status"));
        });
        return row(location);
    }
}
