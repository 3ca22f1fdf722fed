package io.darkroom.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The catalog straight from MariaDB and the derived-files folder straight from disk, to compare before and after. */
final class Catalog {

    private final String jdbcUrl;
    private final String user;
    private final String password;

    Catalog(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** Every row of the catalog's tables, one string per row, in key order. */
    Map<String, List<String>> tables() {
        Map<String, List<String>> tables = new TreeMap<>();
        tables.put("media_item", rows("SELECT * FROM media_item ORDER BY id"));
        tables.put("media_thumbnail", rows("SELECT * FROM media_thumbnail ORDER BY content_hash, size_name"));
        return tables;
    }

    /** {@code root:relative_path} of every row, repeated ones included. */
    List<String> locations() {
        List<String> locations = new ArrayList<>();
        for (String row : rows("SELECT CONCAT(root, ':', relative_path) FROM media_item ORDER BY id")) {
            locations.add(row);
        }
        return locations;
    }

    List<String> rows(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    if (c > 1) {
                        row.append('|');
                    }
                    Object value = rs.getObject(c);
                    row.append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value);
                }
                rows.add(row.toString());
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Relative path → size, modification time and SHA-256 of every file under the derived-files folder. */
    static Map<String, String> derivedFiles(Path storage) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(storage)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(storage.relativize(file).toString(), Files.size(file) + " "
                        + Files.getLastModifiedTime(file) + " " + sha256(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
