package io.darkroom.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

    @TempDir
    Path dataDir;

    @Test
    void startsKafkaAndMariaDb_describesThemForServicesAndTests_andCloseLeavesNoProcess() throws Exception {
        List<ProcessHandle> children;
        try (LocalStack stack = LocalStack.start(LocalStackConfig.freePorts(dataDir))) {
            int dbPort = stack.dbPort();
            assertThat(stack.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:" + dbPort + "/darkroom");
            assertThat(stack.reactiveUrl()).isEqualTo("mysql://127.0.0.1:" + dbPort + "/darkroom");
            assertThat(stack.environment()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers(),
                    "DB_HOST", "127.0.0.1",
                    "DB_PORT", Integer.toString(dbPort),
                    "DB_NAME", "darkroom",
                    "DB_USER", "darkroom",
                    "DB_PASSWORD", "darkroom"));
            assertThat(stack.quarkusProperties()).containsOnlyKeys("kafka.bootstrap.servers",
                    "quarkus.datasource.reactive.url", "quarkus.datasource.jdbc.url", "quarkus.datasource.username",
                    "quarkus.datasource.password");

            try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.username(), stack.password())) {
                assertThat(connection.isValid(5)).isTrue();
            }
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
                assertThat(admin.describeCluster().nodes().get()).hasSize(1);
            }
            children = ProcessHandle.current().descendants().toList();
            assertThat(children).as("two child JVMs and mysqld").hasSizeGreaterThanOrEqualTo(3);
        }
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(ProcessHandle.current().children()).isEmpty();
    }
}
