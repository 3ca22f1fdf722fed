package io.darkroom.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.events.Topics;
import io.darkroom.gateway.testing.TestSessions;
import io.darkroom.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Server-sent events: what the workers publish on Kafka reaches a signed-in gallery's open stream. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class LiveUpdatesTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void transcodeProgressOnKafkaReachesAnOpenGallery() throws Exception {
        TestSessions.Session viewer = TestSessions.session("viewer");
        HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + "/api/v1/events"))
                        .header("Cookie", "darkroom_session=" + viewer.cookie()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");

        String hash = "%064x".formatted(System.nanoTime());
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        CompletableFuture<String> heard = CompletableFuture.supplyAsync(() -> firstLineWith(lines, hash));
        try (KafkaCompanion companion = new KafkaCompanion(bootstrapServers)) {
            // the gateway reads from the latest offset once its consumer has partitions: repeat until it hears
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!heard.isDone() && System.nanoTime() < deadline) {
                companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.TRANSCODE_PROGRESS, hash,
                        "{\"contentHash\":\"" + hash + "\",\"percent\":42.5,\"fps\":87.25}")).awaitCompletion();
                Thread.sleep(500);
            }
        }
        String line = heard.get(1, TimeUnit.SECONDS);
        assertThat(line).startsWith("data:").contains("\"type\":\"progress\"").contains("\"percent\":42.5")
                .contains("\"fps\":87.25");
        stream.body().close();
    }

    @Test
    void theStreamIsClosedToAnyoneNotSignedIn() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + "/api/v1/events")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private static String firstLineWith(BufferedReader lines, String text) {
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.contains(text)) {
                    return line;
                }
            }
            return null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
