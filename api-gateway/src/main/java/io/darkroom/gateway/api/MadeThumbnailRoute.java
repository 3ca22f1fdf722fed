package io.darkroom.gateway.api;

import io.darkroom.gateway.domain.ThumbnailSizes;
import io.darkroom.gateway.security.CallerCache;
import io.darkroom.gateway.security.DarkroomAuthenticationMechanism;
import io.darkroom.gateway.security.DarkroomIdentityProvider;
import io.darkroom.platform.storage.StorageConfig;
import io.darkroom.platform.storage.StorageLayout;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The grid's hot path: a thumbnail that is already made, asked for by a caller the gateway has just seen, sent
 * straight from Vert.x with sendfile and the same headers {@link ThumbnailResource} gives it. A grid asks for dozens
 * at a time, and Quarkus's authentication and authorization filters, RESTEasy's matching and invocation and their
 * reactive plumbing cost several times the file send (docs/PERFORMANCE.md), so this route runs before them.
 *
 * <p>It therefore answers only what it can decide alone: a caller {@link CallerCache} still holds (the same answer
 * {@link DarkroomIdentityProvider} gives without a database lookup; every role may see thumbnails) and a file that
 * exists. Everything else goes on through the filters to {@link ThumbnailResource}, which stays the one place that
 * refuses and explains: no or an unknown credential (401), a malformed hash or unknown size, a file not made yet
 * (made on demand there).
 */
@ApplicationScoped
public class MadeThumbnailRoute {

    /** Quarkus installs its HTTP security filters at the order {@code -priority}: run just before authentication. */
    static final int ORDER = -(SecurityHandlerPriorities.AUTHENTICATION + 1);

    private final StorageLayout storage;
    private final DarkroomIdentityProvider identities;

    MadeThumbnailRoute(StorageConfig storage, DarkroomIdentityProvider identities) {
        this.storage = StorageLayout.from(storage);
        this.identities = identities;
    }

    void install(@Observes Router router) {
        router.get("/api/v1/thumbnails/:contentHash/:size").order(ORDER).handler(this::serve);
    }

    private void serve(RoutingContext context) {
        String contentHash = context.pathParam("contentHash");
        String size = context.pathParam("size");
        boolean known = ThumbnailDelivery.isContentHash(contentHash) && ThumbnailSizes.known(size)
                && DarkroomAuthenticationMechanism.presented(context.request())
                        .flatMap(identities::remembered).isPresent();
        if (known) {
            send(context, contentHash, size);
        } else {
            context.next();
        }
    }

    private void send(RoutingContext context, String contentHash, String size) {
        Path file = storage.file(contentHash, ThumbnailSizes.fileName(size));
        if (!Files.isRegularFile(file)) {
            context.next();
            return;
        }
        String tag = ThumbnailDelivery.quotedTag(contentHash, size);
        HttpServerResponse response = context.response()
                .putHeader(HttpHeaders.ETAG, tag)
                .putHeader(HttpHeaders.CACHE_CONTROL, ThumbnailResource.IMMUTABLE);
        if (clientHas(context.request().getHeader(HttpHeaders.IF_NONE_MATCH), tag)) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, "image/jpeg").sendFile(file.toString()).onFailure(failure -> {
            if (!response.headWritten()) { // the file went between the check and the send: JAX-RS explains it
                response.headers().clear();
                context.next();
            }
        });
    }

    /** Whether If-None-Match names this tag (weakly compared, as for any GET) or is {@code *}. */
    static boolean clientHas(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String trimmed = candidate.strip();
            if (trimmed.equals("*") || (trimmed.startsWith("W/") ? trimmed.substring(2) : trimmed).equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
