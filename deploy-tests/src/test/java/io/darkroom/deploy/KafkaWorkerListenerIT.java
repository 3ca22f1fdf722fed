package io.darkroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.darkroom.localstack.kafka.BrokerMain;
import io.darkroom.localstack.process.ChildClasspath;
import io.darkroom.localstack.process.ChildJvm;
import io.darkroom.localstack.process.LogTail;
import io.darkroom.localstack.process.Ports;
import io.darkroom.localstack.process.ProcessTree;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The path a transcode worker on another node takes into Kafka, with the deployment's own files: a broker
 * configured from docker-compose.yml's kafka environment (translated the way the apache/kafka image does),
 * TLS material from deploy/kafka/make-certs.sh, the SCRAM user the compose service kafka-users registers, and a
 * client configured from the worker cloud-init's transcode.env (translated the way Quarkus does).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaWorkerListenerIT {

    private static final String KEYSTORE_PASSWORD = "keystore-secret";
    private static final String WORKER_PASSWORD = "sample-kafka-worker-password";

    private Path dir;
    private Process broker;
    private int internalPort;
    private int workersPort;

    @BeforeAll
    void startBroker(@TempDir Path dir) throws Exception {
        this.dir = dir;
        Path openssl = Tools.require("openssl", "openssl");
        assertThat(openssl).exists();
        Path script = dir.resolve("kafka/make-certs.sh");
        Files.createDirectories(dir.resolve("kafka/secrets"));
        Files.copy(Tools.deploy("kafka/make-certs.sh"), script);
        Tools.Result certs = Tools.run(dir, 120, "bash", script.toString(), "127.0.0.1", KEYSTORE_PASSWORD);
        assertThat(certs.exitCode()).as(certs.output()).isZero();

        internalPort = freePort();
        workersPort = freePort();
        int controllerPort = freePort();
        Path properties = dir.resolve("server.properties");
        Properties server = brokerProperties(controllerPort);
        try (var out = Files.newBufferedWriter(properties)) {
            server.store(out, "from docker-compose.yml's kafka environment");
        }

        List<String> jvm = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        List<Path> classpath = ChildClasspath.concat(List.of(ChildClasspath.ownClasses()),
                ChildClasspath.read(ChildClasspath.KAFKA_BROKER), ChildClasspath.read(ChildClasspath.RUNTIME));
        Path log = dir.resolve("kafka.log");
        Process format = ChildJvm.start(jvm, classpath, "kafka.tools.StorageTool",
                List.of("format", "--cluster-id", Uuid.randomUuid().toString(), "--config", properties.toString()), log, Map.of());
        assertThat(format.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(format.exitValue()).as(LogTail.of(log, 30)).isZero();

        broker = ChildJvm.start(jvm, classpath, BrokerMain.class.getName(), List.of(properties.toString()), log, Map.of());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Ports.accepts(workersPort) || !Ports.accepts(internalPort)) {
            assertThat(broker.isAlive()).as(LogTail.of(log, 40)).isTrue();
            assertThat(System.nanoTime()).as("broker start\n" + LogTail.of(log, 40)).isLessThan(deadline);
            Thread.sleep(200);
        }

        // What the compose service kafka-users does with kafka-configs.sh, over the internal listener.
        Properties admin = new Properties();
        admin.put("bootstrap.servers", "127.0.0.1:" + internalPort);
        try (Admin client = Admin.create(admin)) {
            client.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("transcode-worker",
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), WORKER_PASSWORD))).all().get(30, TimeUnit.SECONDS);
            client.createTopics(List.of(new NewTopic("media.indexed.v1", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            ProcessTree.kill(broker.toHandle());
        }
    }

    @Test
    void aWorkerConfiguredByCloudInitProducesAndConsumesOverSaslSsl() throws Exception {
        Properties client = workerClient();
        assertThat(client).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");

        Properties producer = new Properties();
        producer.putAll(client);
        producer.put("key.serializer", StringSerializer.class.getName());
        producer.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> p = new KafkaProducer<>(producer)) {
            p.send(new ProducerRecord<>("media.indexed.v1", "hash-1", "{\"contentHash\":\"hash-1\"}")).get(60, TimeUnit.SECONDS);
        }

        Properties consumer = new Properties();
        consumer.putAll(client);
        consumer.put("group.id", "transcode-service");
        consumer.put("auto.offset.reset", "earliest");
        consumer.put("key.deserializer", StringDeserializer.class.getName());
        consumer.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumer)) {
            c.subscribe(List.of("media.indexed.v1"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                records = c.poll(Duration.ofMillis(500));
            }
            assertThat(records.count()).isEqualTo(1);
            assertThat(records.iterator().next().key()).isEqualTo("hash-1");
        }
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        Properties client = workerClient();
        client.put("sasl.jaas.config", client.getProperty("sasl.jaas.config").replace(WORKER_PASSWORD, "guessed"));
        client.put("default.api.timeout.ms", "15000");
        client.put("request.timeout.ms", "10000");
        try (Admin admin = Admin.create(client)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasRootCauseInstanceOf(org.apache.kafka.common.errors.SaslAuthenticationException.class);
        }
    }

    /**
     * docker-compose.yml's KAFKA_* variables as broker properties, by the apache/kafka image's rule (drop KAFKA_,
     * ___ is '-', __ is '_', _ is '.'), pointed at this test's ports, folders and secrets.
     */
    @SuppressWarnings("unchecked")
    private Properties brokerProperties(int controllerPort) throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(Tools.repo().resolve("docker-compose.yml")));
        Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) compose.get("services"))
                .get("kafka")).get("environment");
        Properties properties = new Properties();
        for (Map.Entry<String, Object> e : env.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith("KAFKA_") || key.equals("KAFKA_HEAP_OPTS")) {
                continue;
            }
            String name = key.substring("KAFKA_".length()).toLowerCase(java.util.Locale.ROOT)
                    .replace("___", "-").replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
            String value = String.valueOf(e.getValue())
                    .replaceAll("\\$\\{DARKROOM_PRIVATE_IP[^}]*}", "127.0.0.1")
                    .replaceAll("\\$\\{KAFKA_KEYSTORE_PASSWORD[^}]*}", KEYSTORE_PASSWORD)
                    .replace("kafka:9092", "127.0.0.1:" + internalPort).replace("kafka:9093", "127.0.0.1:" + controllerPort)
                    .replace(":9092", ":" + internalPort).replace(":9093", ":" + controllerPort).replace(":9094", ":" + workersPort)
                    .replace("/etc/kafka/secrets/", dir.resolve("kafka/secrets") + "/")
                    .replace("/var/lib/kafka/data", dir.resolve("data").toString());
            properties.put(name, value);
        }
        assertThat(properties).containsKeys("listeners", "advertised.listeners", "listener.security.protocol.map",
                "listener.name.workers.scram-sha-512.sasl.jaas.config", "ssl.keystore.location", "process.roles");
        return properties;
    }

    /** The worker's transcode.env from the rendered cloud-init, as Quarkus's KafkaRuntimeConfigProducer maps KAFKA_* variables. */
    private Properties workerClient() throws Exception {
        String env = HetznerTest.writeFile(HetznerTest.render("worker.yaml.tftpl"), "/etc/darkroom/transcode.env");
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : env.split("\n")) {
            if (line.startsWith("KAFKA_")) {
                variables.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        Properties client = new Properties();
        variables.forEach((key, value) -> client.put(key.substring("KAFKA_".length()).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.]", "."),
                value.replace("10.0.1.2:9094", "127.0.0.1:" + workersPort)
                        .replace("/etc/darkroom/kafka-ca.pem", dir.resolve("kafka/secrets/ca.pem").toString())
                        .replace("sample-kafka-worker-password", WORKER_PASSWORD)));
        assertThat(client.getProperty("bootstrap.servers")).isEqualTo("127.0.0.1:" + workersPort);
        return client;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
