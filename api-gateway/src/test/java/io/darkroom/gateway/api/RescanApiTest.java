package io.darkroom.gateway.api;

import static io.restassured.RestAssured.given;

import io.darkroom.gateway.testing.TestSessions;
import io.restassured.RestAssured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.events.RescanRequested;
import io.darkroom.events.Topics;
import io.darkroom.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin's "rescan" and the upload trigger: a command on real Kafka, and a 400 for anything malformed. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class RescanApiTest {

    /** Every request below is a signed-in admin's (the role matrix is in AccessMatrixTest). */
    @org.junit.jupiter.api.BeforeEach
    void signIn() {
        RestAssured.requestSpecification = TestSessions.session("admin").spec();
    }

    @org.junit.jupiter.api.AfterEach
    void signOut() {
        RestAssured.requestSpecification = null;
    }

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaCompanion companion;
    private ConsumerTask<String, String> commands;

    @BeforeEach
    void listen() {
        companion = new KafkaCompanion(bootstrapServers);
        commands = companion.consumeStrings().fromTopics(Topics.RESCAN_REQUESTED);
    }

    @AfterEach
    void close() {
        commands.stop();
        companion.close();
    }

    @Test
    void aFolderRescanIsSentToIngestKeyedByRoot() throws Exception {
        String id = given().contentType("application/json").body("{\"root\":\"family\",\"folder\":\"2024/holidays/\"}")
                .post("/api/v1/library/rescan")
                .then().statusCode(202).body("root", equalTo("family")).body("folder", equalTo("2024/holidays"))
                .extract().path("commandId");

        ConsumerRecord<String, String> record = commandWithId(id);
        RescanRequested command = mapper.readValue(record.value(), RescanRequested.class);
        assertThat(record.key()).isEqualTo("family");
        assertThat(command.eventId()).hasToString(id);
        assertThat(command.root()).isEqualTo("family");
        assertThat(command.folder()).isEqualTo("2024/holidays");
        assertThat(command.wholeRoot()).isFalse();
        assertThat(command.requestedBy()).isEqualTo("api");
    }

    @Test
    void withoutAFolderTheWholeRootIsRescanned() throws Exception {
        String id = given().contentType("application/json").body("{\"root\":\"box\"}").post("/api/v1/library/rescan")
                .then().statusCode(202).extract().path("commandId");

        ConsumerRecord<String, String> record = commandWithId(id);
        assertThat(mapper.readValue(record.value(), RescanRequested.class).wholeRoot()).isTrue();
    }

    @Test
    void malformedRequestsAreRefusedWithAReasonAndSendNothing() throws Exception {
        List<String> bodies = List.of(
                "{\"root\":\"family\",\"folder\":\"../../etc\"}",
                "{\"root\":\"family\",\"folder\":\"2024/../../x\"}",
                "{\"root\":\"family\",\"folder\":\"/etc/passwd\"}",
                "{\"root\":\"family\",\"folder\":\"a\\\\b\"}",
                "{\"root\":\"family\",\"folder\":\"a//b\"}",
                "{\"root\":\"family\",\"folder\":\"" + "x".repeat(1100) + "\"}",
                "{\"root\":\"fam'; DROP TABLE media_item; --\"}",
                "{\"root\":\"\"}",
                "{\"folder\":\"2024\"}",
                "{\"root\": 42, \"folder\": [1]}",
                "{not json",
                "");
        for (String body : bodies) {
            var response = given().contentType("application/json").body(body).post("/api/v1/library/rescan");
            assertThat(response.statusCode()).as("status for %s", body).isEqualTo(400);
            assertThat(response.contentType()).as("content type for %s", body).isEqualTo("application/problem+json");
            assertThat(response.jsonPath().getString("detail")).as("detail for %s", body).isNotBlank()
                    .doesNotContain("Exception").doesNotContain("at io.");
        }
        given().contentType("text/plain").body("family").post("/api/v1/library/rescan").then().statusCode(415);

        Thread.sleep(1000); // a command, had one been sent, would have arrived by now
        for (ConsumerRecord<String, String> record : commands.getRecords()) { // only the other tests' valid commands
            RescanRequested command = mapper.readValue(record.value(), RescanRequested.class);
            assertThat(command.root()).isIn("family", "box");
            assertThat(command.folder()).isIn("2024/holidays", "");
        }
    }

    /** The command with this id (the topic also holds the other tests' commands). */
    private ConsumerRecord<String, String> commandWithId(String id) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> commands.getRecords().stream().filter(r -> r.value().contains(id)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }
}
