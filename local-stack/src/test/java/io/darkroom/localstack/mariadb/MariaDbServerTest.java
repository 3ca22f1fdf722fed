package io.darkroom.localstack.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MariaDbServerTest {

    @TempDir
    Path dataDir;

    @Test
    void aTableSurvivesAStopAndRestartOnTheSameFolder_andStopLeavesNoMysqld() throws Exception {
        List<ProcessHandle> processes = new ArrayList<>();
        try (MariaDbServer server = MariaDbServer.start(MariaDbConfig.freePort(dataDir))) {
            try (Connection connection = connect(server); Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE album (id INT PRIMARY KEY, title VARCHAR(100))");
                sql.execute("INSERT INTO album VALUES (1, 'Iceland 2024')");
            }
            processes.add(server.process());
            processes.addAll(server.process().descendants().toList());
            assertThat(processes).as("the child JVM and mysqld").hasSizeGreaterThanOrEqualTo(2);
        }
        assertThat(processes).noneMatch(ProcessHandle::isAlive);

        try (MariaDbServer restarted = MariaDbServer.start(MariaDbConfig.freePort(dataDir));
                Connection connection = connect(restarted);
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT title FROM album WHERE id = 1")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("Iceland 2024");
        }
    }

    private static Connection connect(MariaDbServer server) throws Exception {
        return DriverManager.getConnection(server.jdbcUrl(), MariaDbServer.USER, MariaDbServer.PASSWORD);
    }
}
