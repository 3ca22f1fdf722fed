package io.darkroom.gateway.api;

import io.darkroom.gateway.domain.ThumbnailSizes;
import io.darkroom.gateway.security.CallerCache;
import io.darkroom.gateway.security.DarkroomAuthenticationMechanism;
import io.darkroom.gateway.security.DarkroomIdentityProvider;
import io.darkroom.platform.storage.StorageConfig;
import io.darkroom.platform.storage.StorageLayout;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The grid's hot path: a thumbnail that is already made, asked for by a caller the gateway has just seen, sent
 * straight from Vert.x with the same headers {@link ThumbnailResource} gives it. A grid asks for dozens
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

    /**
     * Files up to this size (every thumbnail size) are read and sent with the response head in one write: for tens of
     * kilobytes that costs less than sendfile's file region, open file and completion listeners. Larger ones go by
     * sendfile.
     */
    static final long IN_ONE_WRITE = 1024 * 1024;

    private final StorageLayout storage;
    private final DarkroomIdentityProvider identities;
    // Counted, not timed: thumbnails are left out of http_server_requests (application.properties), whose per-request
    // timer lookup cost a fifth of a sent thumbnail's CPU and whose latency percentiles they would swamp.
    private final Counter sent;
    private final Counter notModified;
    private final Counter passedOn;

    MadeThumbnailRoute(StorageConfig storage, DarkroomIdentityProvider identities, MeterRegistry metrics) {
        this.storage = StorageLayout.from(storage);
        this.identities = identities;
        this.sent = outcome(metrics, "sent");
        this.notModified = outcome(metrics, "not_modified");
        this.passedOn = outcome(metrics, "passed_on");
    }

    private static Counter outcome(MeterRegistry metrics, String outcome) {
        return Counter.builder("darkroom_gateway_thumbnail_requests")
                .description("Thumbnail requests: sent or not modified by the made-thumbnail route, or passed on to"
                        + " the thumbnail resource (not made yet, refused, malformed)")
                .tag("outcome", outcome).register(metrics);
    }

    void install(@Observes Router router) {
        router.get("/api/v1/thumbnails/:contentHash/:size").order(ORDER).handler(this::serve);
    }

    private void serve(RoutingContext context) {
        String contentHash = context.pathParam("contentHash");
        String size = context.pathParam("size");
        boolean known = StorageLayout.isContentHash(contentHash) && ThumbnailSizes.known(size)
                && DarkroomAuthenticationMechanism.presented(context.request())
                        .flatMap(identities::remembered).isPresent();
        if (known) {
            send(context, contentHash, size);
        } else {
            passOn(context);
        }
    }

    private void passOn(RoutingContext context) {
        passedOn.increment();
        context.next();
    }

    private void send(RoutingContext context, String contentHash, String size) {
        Path file = storage.file(contentHash, ThumbnailSizes.fileName(size));
        // the event loop reads the file, as it would sendfile it: derived files are local and mostly in the page cache
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            String tag = ThumbnailDelivery.quotedTag(contentHash, size);
            HttpServerResponse response = context.response()
                    .putHeader(HttpHeaders.ETAG, tag)
                    .putHeader(HttpHeaders.CACHE_CONTROL, ThumbnailResource.IMMUTABLE);
            if (clientHas(context.request().getHeader(HttpHeaders.IF_NONE_MATCH), tag)) {
                notModified.increment();
                response.setStatusCode(304).end();
                return;
            }
            response.putHeader(HttpHeaders.CONTENT_TYPE, "image/jpeg");
            long length = channel.size();
            if (length <= IN_ONE_WRITE) {
                byte[] body = readFully(channel, (int) length);
                sent.increment(); // before the client has it, so that a metrics read right after counts it
                response.end(Buffer.buffer(Unpooled.wrappedBuffer(body))); // wrapped, not copied
            } else {
                response.sendFile(file.toString()).onSuccess(done -> sent.increment()).onFailure(failure -> {
                    if (!response.headWritten()) { // the file went between the open and the send
                        response.headers().clear();
                        passOn(context);
                    }
                });
            }
        } catch (IOException e) { // not made yet, or gone: ThumbnailResource makes it or explains
            context.response().headers().clear();
            passOn(context);
        }
    }

    private static byte[] readFully(SeekableByteChannel channel, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
            // a file cut short while read is sent as it is: thumbnails are written by rename, whole
        }
        return bytes.hasRemaining() ? Arrays.copyOf(bytes.array(), bytes.position()) : bytes.array();
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
