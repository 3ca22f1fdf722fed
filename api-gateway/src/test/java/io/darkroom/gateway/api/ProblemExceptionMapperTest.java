package io.darkroom.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class ProblemExceptionMapperTest {

    private final ProblemExceptionMapper mapper = new ProblemExceptionMapper();

    @Test
    void anExhaustedConnectionPoolIsA503WithRetryAfterNotA500() {
        // what the Vert.x SQL pool fails with when every connection stays busy past the wait timeout (overload)
        Response response = mapper.toResponse(new RuntimeException(new VertxException("Timeout waiting for connection")));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(((Problem) response.getEntity()).detail()).contains("try again").doesNotContain("Vertx");
    }

    @Test
    void anUnexpectedFailureIsStillA500WithoutInternals() {
        Response response = mapper.toResponse(new IllegalStateException("a bug"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(((Problem) response.getEntity()).detail()).doesNotContain("IllegalStateException", "a bug");
    }
}
