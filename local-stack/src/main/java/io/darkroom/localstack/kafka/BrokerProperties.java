package io.darkroom.localstack.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The files that configure the broker: server.properties and its log4j2 configuration. */
final class BrokerProperties {

    /** Partitions of a topic created on first use, so consumers of a service can run in parallel. */
    static final int DEFAULT_PARTITIONS = 3;

    private BrokerProperties() {
    }

    static Map<String, String> serverProperties(KafkaBrokerConfig config) {
        Map<String, String> p = new LinkedHashMap<>();
        // One process is broker and controller. The quorum is static (controller.quorum.voters) rather than
        // formatted with --standalone, so a restart on the same data folder may use other ports.
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + config.controllerPort());
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + config.port() + ",CONTROLLER://127.0.0.1:" + config.controllerPort());
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + config.port());
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", config.logDir().toString());
        // Services create their topics by using them.
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", Integer.toString(DEFAULT_PARTITIONS));
        // A single node cannot hold more replicas of the internal topics.
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Consumers join at once instead of after the default 3 s, which keeps tests fast.
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    static Path writeServerProperties(KafkaBrokerConfig config) {
        String text = serverProperties(config).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "# Written by local-stack on every start; edits are lost.\n", "\n"));
        return write(config.dataDir().resolve("server.properties"), text);
    }

    /** INFO to stdout (the log file); the per-partition state changes are too chatty for it. */
    static Path writeLog4j(KafkaBrokerConfig config) {
        String text = """
                status = warn
                appender.stdout.type = Console
                appender.stdout.name = STDOUT
                appender.stdout.layout.type = PatternLayout
                appender.stdout.layout.pattern = [%d] %p %m (%c)%n
                rootLogger.level = INFO
                rootLogger.appenderRefs = stdout
                rootLogger.appenderRef.stdout.ref = STDOUT
                logger.state.name = state.change.logger
                logger.state.level = WARN
                logger.request.name = kafka.request.logger
                logger.request.level = WARN
                """;
        return write(config.dataDir().resolve("log4j2.properties"), text);
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
