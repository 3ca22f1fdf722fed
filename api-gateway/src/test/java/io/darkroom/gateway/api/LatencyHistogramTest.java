package io.darkroom.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.darkroom.gateway.testing.TestSessions;
import io.darkroom.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackResource.class)
class LatencyHistogramTest {

    @Test
    void apiLatencyIsExportedAsAHistogramWithTheGoalsBucket() {
        given().spec(TestSessions.session("viewer").spec()).get("/api/v1/auth/me").then().statusCode(200);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_bucket{"))
                .body(containsString("uri=\"/api/v1/auth/me\""))
                .body(containsString("le=\"0.025\""));
    }
}
