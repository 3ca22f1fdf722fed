package io.darkroom.gateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.gateway.testing.TestSessions;
import io.darkroom.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Oversized bodies are refused with 413 and a Problem that says how much is taken, never a 500, before they are
 * read: a JSON body over {@code darkroom.gateway.max-json-bytes} on an ordinary endpoint, and any body over the
 * request limit. The requests are written on a plain socket: a client that announces megabytes and is answered
 * early must not need to send them all (an HTTP client would fail on the closed connection instead of reading).
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class RequestLimitsTest {

    @TestHTTPResource("/")
    URL server;

    @Test
    void anOversizedJsonBodyToAnOrdinaryEndpointIs413WithAMessage() throws Exception {
        String answer = post("/api/v1/albums", "application/json", 2L * 1024 * 1024);

        assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/problem+json")
                .contains("\"status\":413").contains("The JSON body is 2097152 bytes; the API takes at most 1048576");
        assertThat(post("/api/v1/auth/login", "application/json; charset=UTF-8", 1_048_577)).startsWith("HTTP/1.1 413");
    }

    @Test
    void anyBodyOverTheRequestLimitIs413WithAMessage() throws Exception {
        String answer = post("/api/v1/uploads/" + "u".repeat(43), "application/octet-stream", 10L * 1024 * 1024);

        assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/problem+json")
                .contains("uploads go in chunks");
    }

    @Test
    void bodiesUnderTheLimitsStillReachTheirEndpoints() throws Exception {
        given().spec(TestSessions.session("user").spec()).contentType(ContentType.JSON)
                .body("{\"title\":\"" + "limits " + "y".repeat(20) + "\"}").post("/api/v1/albums")
                .then().statusCode(201);
    }

    /** Announces {@code length} bytes, sends a few, and reads whatever the server answers until it closes. */
    private String post(String path, String type, long length) throws Exception {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type
                    + "\r\nContent-Length: " + length + "\r\nConnection: close\r\n\r\n{\"x\":\"")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // the server answers at once and closes the connection: read to the end
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
