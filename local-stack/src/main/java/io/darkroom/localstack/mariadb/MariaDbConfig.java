package io.darkroom.localstack.mariadb;

import java.nio.file.Path;

/**
 * Where the embedded MariaDB keeps its files and which port it listens on (127.0.0.1 only).
 *
 * @param dataDir its folder: binaries under {@code base/}, tables under {@code data/}, {@code mariadb.log}
 * @param port    0 picks a free port
 */
public record MariaDbConfig(Path dataDir, int port) {

    public MariaDbConfig {
        dataDir = dataDir.toAbsolutePath();
    }

    public static MariaDbConfig freePort(Path dataDir) {
        return new MariaDbConfig(dataDir, 0);
    }

    public Path logFile() {
        return dataDir.resolve("mariadb.log");
    }

    Path readyFile() {
        return dataDir.resolve("ready");
    }
}
