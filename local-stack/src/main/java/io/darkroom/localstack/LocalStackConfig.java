package io.darkroom.localstack;

import io.darkroom.localstack.kafka.KafkaBrokerConfig;
import io.darkroom.localstack.mariadb.MariaDbConfig;
import java.nio.file.Path;

/**
 * Ports and data folder of a {@link LocalStack}. A port of 0 picks a free one.
 *
 * @param dataDir Kafka's data under {@code kafka/}, MariaDB's under {@code mariadb/}; reuse it to keep the data
 */
public record LocalStackConfig(Path dataDir, int kafkaPort, int kafkaControllerPort, int mariaDbPort) {

    /** The ports of docs/architecture.md. */
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 9093;
    public static final int DEFAULT_MARIADB_PORT = 3307;

    public LocalStackConfig {
        dataDir = dataDir.toAbsolutePath();
    }

    /** Free ports: for tests, which may run next to a launched system. */
    public static LocalStackConfig freePorts(Path dataDir) {
        return new LocalStackConfig(dataDir, 0, 0, 0);
    }

    /** Kafka 9092/9093, MariaDB 3307. */
    public static LocalStackConfig defaultPorts(Path dataDir) {
        return new LocalStackConfig(dataDir, DEFAULT_KAFKA_PORT, DEFAULT_KAFKA_CONTROLLER_PORT, DEFAULT_MARIADB_PORT);
    }

    public KafkaBrokerConfig kafka() {
        return new KafkaBrokerConfig(dataDir.resolve("kafka"), kafkaPort, kafkaControllerPort);
    }

    public MariaDbConfig mariaDb() {
        return new MariaDbConfig(dataDir.resolve("mariadb"), mariaDbPort);
    }
}
