package io.darkroom.gateway.api;

import io.darkroom.gateway.domain.ThumbnailSizes;
import io.darkroom.gateway.security.Role;
import io.darkroom.platform.storage.StorageConfig;
import io.darkroom.platform.storage.StorageLayout;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The grid's hot path: a thumbnail that is already made, asked for by a signed-in caller, sent straight from Vert.x
 * with sendfile and the same headers {@link ThumbnailResource} gives it. JAX-RS's matching, invocation and response
 * building cost more than sending the file (docs/PERFORMANCE.md), and a grid asks for dozens at a time.
 *
 * <p>Everything else goes on to {@link ThumbnailResource}, which stays the one place that decides and explains:
 * a malformed hash or unknown size, a file not made yet (made on demand there), an anonymous caller, an identity
 * that failed (a 401 there) or one without a role.
 */
@ApplicationScoped
public class MadeThumbnailRoute {

    private static final List<String> ROLES = List.of(Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME);

    private final StorageLayout storage;
    private final IdentityProviderManager identities;

    MadeThumbnailRoute(StorageConfig storage, IdentityProviderManager identities) {
        this.storage = StorageLayout.from(storage);
        this.identities = identities;
    }

    void install(@Observes Router router) {
        // before the default order, where Quarkus REST serves every resource
        router.get("/api/v1/thumbnails/:contentHash/:size").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(this::serve);
    }

    private void serve(RoutingContext context) {
        String contentHash = context.pathParam("contentHash");
        String size = context.pathParam("size");
        if (!ThumbnailDelivery.isContentHash(contentHash) || !ThumbnailSizes.known(size)) {
            context.next();
            return;
        }
        QuarkusHttpUser.getSecurityIdentity(context, identities).subscribe().with(
                identity -> {
                    if (mayView(identity)) {
                        send(context, contentHash, size);
                    } else {
                        context.next();
                    }
                },
                failure -> context.next());
    }

    private static boolean mayView(SecurityIdentity identity) {
        return identity != null && !identity.isAnonymous() && ROLES.stream().anyMatch(identity::hasRole);
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
