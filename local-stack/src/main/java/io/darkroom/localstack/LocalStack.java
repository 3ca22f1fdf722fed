package io.darkroom.localstack;

import io.darkroom.localstack.kafka.KafkaBroker;
import io.darkroom.localstack.mariadb.MariaDbServer;
import io.darkroom.localstack.process.Parallel;
import io.darkroom.localstack.process.Ports;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Kafka and MariaDB for tests and the launcher: each in its own child JVM, on 127.0.0.1, with all data under one
 * folder. {@link #close()} stops both and leaves no process behind.
 */
public final class LocalStack implements AutoCloseable {

    private final LocalStackConfig config;
    private volatile KafkaBroker kafka;
    private volatile MariaDbServer mariaDb;

    private LocalStack(LocalStackConfig config, KafkaBroker kafka, MariaDbServer mariaDb) {
        this.kafka = kafka;
        this.mariaDb = mariaDb;
        this.config = new LocalStackConfig(config.dataDir(), kafka.config().port(), kafka.config().controllerPort(),
                mariaDb.port());
    }

    /** Starts both (in parallel) and returns once Kafka answers an AdminClient and the database accepts its user. */
    public static LocalStack start(LocalStackConfig config) {
        CompletableFuture<KafkaBroker> kafka = Parallel.supply(() -> KafkaBroker.start(config.kafka()));
        CompletableFuture<MariaDbServer> mariaDb = Parallel.supply(() -> MariaDbServer.start(config.mariaDb()));
        try {
            CompletableFuture.allOf(kafka, mariaDb).exceptionally(ignored -> null).join();
            return new LocalStack(config, Parallel.join(kafka), Parallel.join(mariaDb));
        } catch (RuntimeException e) {
            // Whichever did start must not outlive the failure.
            kafka.thenAccept(KafkaBroker::close).exceptionally(ignored -> null).join();
            mariaDb.thenAccept(MariaDbServer::close).exceptionally(ignored -> null).join();
            throw e;
        }
    }

    /** The config with the ports in use: start with it again to resume on the same ports and data. */
    public LocalStackConfig config() {
        return config;
    }

    /** {@code 127.0.0.1:PORT}. */
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** {@code jdbc:mariadb://127.0.0.1:PORT/darkroom}. */
    public String jdbcUrl() {
        return mariaDb.jdbcUrl();
    }

    /** {@code mysql://127.0.0.1:PORT/darkroom}. */
    public String reactiveUrl() {
        return mariaDb.reactiveUrl();
    }

    public String dbHost() {
        return Ports.LOOPBACK;
    }

    public int dbPort() {
        return mariaDb.port();
    }

    public String dbName() {
        return MariaDbServer.DATABASE;
    }

    public String username() {
        return MariaDbServer.USER;
    }

    public String password() {
        return MariaDbServer.PASSWORD;
    }

    /** The environment variables of docs/architecture.md for a service run in the prod profile. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
        env.put("DB_HOST", dbHost());
        env.put("DB_PORT", Integer.toString(dbPort()));
        env.put("DB_NAME", dbName());
        env.put("DB_USER", username());
        env.put("DB_PASSWORD", password());
        return env;
    }

    /** The Quarkus configuration a {@code %test} profile receives from {@link LocalStackResource}. */
    public Map<String, String> quarkusProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", kafkaBootstrapServers());
        properties.put("quarkus.datasource.reactive.url", reactiveUrl());
        properties.put("quarkus.datasource.jdbc.url", jdbcUrl());
        properties.put("quarkus.datasource.username", username());
        properties.put("quarkus.datasource.password", password());
        return properties;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public MariaDbServer mariaDb() {
        return mariaDb;
    }

    /** Stops the broker if it still runs (e.g. after {@link KafkaBroker#kill()}) and starts it on the same ports and data. */
    public synchronized void restartKafka() {
        kafka.close();
        kafka = KafkaBroker.start(kafka.config());
    }

    /** Stops MariaDB if it still runs and starts it on the same port and data. */
    public synchronized void restartMariaDb() {
        mariaDb.close();
        mariaDb = MariaDbServer.start(mariaDb.config());
    }

    /** Stops both, in parallel; safe to call twice. */
    @Override
    public synchronized void close() {
        Parallel.runAll(List.of(kafka::close, mariaDb::close));
    }
}
