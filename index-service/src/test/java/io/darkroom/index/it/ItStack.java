package io.darkroom.index.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The local stack the service under test runs on, as the ITs reach it: Kafka through a companion, MariaDB by JDBC. */
@ApplicationScoped
class ItStack {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    @Inject
    ObjectMapper mapper;

    /** A companion of the test's own; the test closes it. */
    KafkaCompanion companion() {
        return new KafkaCompanion(bootstrapServers);
    }

    EventTraffic traffic(KafkaCompanion companion, Duration timeout) {
        return new EventTraffic(companion, mapper, timeout);
    }

    CatalogRows catalog() {
        return new CatalogRows(jdbcUrl, dbUser, dbPassword);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
    }
}
