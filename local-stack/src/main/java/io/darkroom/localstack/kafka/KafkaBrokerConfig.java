package io.darkroom.localstack.kafka;

import io.darkroom.localstack.process.Ports;
import java.nio.file.Path;

/**
 * Where one broker keeps its data and which ports it listens on (127.0.0.1 only).
 *
 * @param dataDir        the broker's folder: topic data under {@code logs/}, its config and {@code kafka.log}
 * @param port           the client listener; 0 picks a free port
 * @param controllerPort the KRaft controller listener; 0 picks a free port
 */
public record KafkaBrokerConfig(Path dataDir, int port, int controllerPort) {

    public KafkaBrokerConfig {
        dataDir = dataDir.toAbsolutePath();
    }

    public static KafkaBrokerConfig freePorts(Path dataDir) {
        return new KafkaBrokerConfig(dataDir, 0, 0);
    }

    /** The same config with every 0 port replaced by a free one. */
    public KafkaBrokerConfig resolvePorts() {
        int client = Ports.resolve(port);
        int controller = controllerPort;
        while (controller == 0 || controller == client) {
            controller = Ports.pickFree();
        }
        return new KafkaBrokerConfig(dataDir, client, controller);
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Path logFile() {
        return dataDir.resolve("kafka.log");
    }
}
