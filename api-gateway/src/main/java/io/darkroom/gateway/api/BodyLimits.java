package io.darkroom.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.gateway.GatewayConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request body that announces (Content-Length) more than the gateway takes, with a 413 Problem, before a
 * byte of it is read: a JSON body over {@code darkroom.gateway.max-json-bytes}, any body over
 * {@code quarkus.http.limits.max-body-size} (sized for an upload chunk). Quarkus's own check of the latter answers
 * a bare 413 from a route of its own, so this one runs just before it; a body sent without a length (chunked) is
 * still counted and cut off there.
 */
@ApplicationScoped
public class BodyLimits {

    private final ObjectMapper mapper;
    private final long maxJson;
    private final long maxBody;

    public BodyLimits(ObjectMapper mapper, GatewayConfig config,
            // a Quarkus setting, read here so that the Problem names the same limit Quarkus enforces
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.mapper = mapper;
        this.maxBody = maxBody.asLongValue();
        this.maxJson = Math.min(config.maxJsonBytes(), this.maxBody);
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            context.next(); // Vert.x refuses a malformed length itself
            return;
        }
        if (isJson(request) && length > maxJson) {
            refuse(context, "The JSON body is " + length + " bytes; the API takes at most " + maxJson + ".");
        } else if (length > maxBody) {
            refuse(context, "The request body is " + length + " bytes; at most " + maxBody
                    + " are taken in one request (uploads go in chunks).");
        } else {
            context.next();
        }
    }

    private static boolean isJson(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.toLowerCase(Locale.ROOT).contains("json");
    }

    private void refuse(RoutingContext context, String detail) {
        HttpServerRequest request = context.request();
        String body;
        try {
            body = mapper.writeValueAsString(new Problem("Content Too Large", 413, detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // the body that follows is not read: close the connection rather than drain it
        context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(ended -> request.connection().close());
        context.response().end(body);
    }
}
