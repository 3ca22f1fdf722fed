package io.darkroom.localstack.kafka;

import io.darkroom.localstack.process.ChildClasspath;
import io.darkroom.localstack.process.ChildJvm;
import io.darkroom.localstack.process.LogTail;
import io.darkroom.localstack.process.Ports;
import io.darkroom.localstack.process.ProcessTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft broker (broker and controller in one process) in a child JVM, so a test can kill -9 it
 * and no Kafka or Scala jar reaches the caller's classpath. Data survives a restart on the same folder.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
            "-Djava.awt.headless=true");

    private final KafkaBrokerConfig config;
    private final Process process;

    private KafkaBroker(KafkaBrokerConfig config, Process process) {
        this.config = config;
        this.process = process;
    }

    /** Formats the data folder if it is new, starts the broker and returns once an AdminClient can list topics. */
    public static KafkaBroker start(KafkaBrokerConfig requested) {
        KafkaBrokerConfig config = requested.resolvePorts();
        Ports.requireFree(config.port(), "the Kafka broker");
        Ports.requireFree(config.controllerPort(), "the Kafka controller");
        Path serverProperties = BrokerProperties.writeServerProperties(config);
        Path log4j = BrokerProperties.writeLog4j(config);
        List<String> jvmOptions = concat(JVM_OPTIONS, "-Dlog4j2.configurationFile=" + log4j.toUri());
        List<Path> brokerClasspath = ChildClasspath.concat(
                ChildClasspath.read(ChildClasspath.KAFKA_BROKER), ChildClasspath.read(ChildClasspath.RUNTIME));

        formatOnce(config, serverProperties, jvmOptions, brokerClasspath);

        Process process = ChildJvm.start(jvmOptions,
                ChildClasspath.concat(List.of(ChildClasspath.ownClasses()), brokerClasspath),
                BrokerMain.class.getName(), List.of(serverProperties.toString()), config.logFile(), Map.of());
        KafkaBroker broker = new KafkaBroker(config, process);
        try {
            broker.awaitReady();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** Formats only when meta.properties is absent: formatting again would refuse, or lose topics and offsets. */
    private static void formatOnce(KafkaBrokerConfig config, Path serverProperties, List<String> jvmOptions,
            List<Path> classpath) {
        if (Files.exists(config.logDir().resolve("meta.properties"))) {
            return;
        }
        Process format = ChildJvm.start(jvmOptions, classpath, "kafka.tools.StorageTool",
                List.of("format", "--cluster-id", Uuid.randomUuid().toString(), "--config", serverProperties.toString()),
                config.logFile(), Map.of());
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS)) {
                ProcessTree.kill(format.toHandle());
                throw new IllegalStateException("formatting the Kafka log dir timed out\n" + LogTail.of(config.logFile(), 30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTree.kill(format.toHandle());
            throw new IllegalStateException("interrupted while formatting the Kafka log dir", e);
        }
        if (format.exitValue() != 0) {
            throw new IllegalStateException("formatting the Kafka log dir failed (exit " + format.exitValue() + ")\n"
                    + LogTail.of(config.logFile(), 30));
        }
    }

    /** Ready means: the port accepts connections and the broker answers a metadata request. */
    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Ports.accepts(config.port())) {
            checkAlive(deadline);
            sleep(200);
        }
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        try (Admin client = Admin.create(admin)) {
            while (true) {
                checkAlive(deadline);
                try {
                    client.listTopics().names().get(10, TimeUnit.SECONDS);
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
                } catch (Exception e) {
                    sleep(250);
                }
            }
        }
    }

    private void checkAlive(Instant deadline) {
        if (!process.isAlive()) {
            throw new IllegalStateException("the Kafka broker exited with " + process.exitValue() + " while starting\n"
                    + LogTail.of(config.logFile(), 40));
        }
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("the Kafka broker was not ready within " + START_TIMEOUT.toSeconds() + " s\n"
                    + LogTail.of(config.logFile(), 40));
        }
    }

    /** {@code 127.0.0.1:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + config.port();
    }

    /** The config with the ports actually used: start a broker with it to restart on the same ports and data. */
    public KafkaBrokerConfig config() {
        return config;
    }

    /** The broker JVM, e.g. to kill -9 it in a chaos test. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The broker's stdout and stderr. */
    public Path logFile() {
        return config.logFile();
    }

    /** kill -9: no controlled shutdown, as in a crash. */
    public void kill() {
        ProcessTree.kill(process.toHandle());
    }

    /** SIGTERM (a controlled shutdown), then SIGKILL after 20 s. */
    @Override
    public void close() {
        ProcessTree.stop(process.toHandle(), ProcessTree.DEFAULT_GRACE);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }

    private static List<String> concat(List<String> list, String extra) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(extra)).toList();
    }
}
