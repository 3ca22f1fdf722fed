package io.darkroom.gateway.api;

import static io.darkroom.gateway.api.ProblemExceptionMapper.problem;

import io.darkroom.gateway.domain.ThumbnailNotReadyException;
import io.darkroom.gateway.domain.ThumbnailSizes;
import io.darkroom.gateway.domain.ThumbnailSource;
import io.darkroom.platform.storage.StorageConfig;
import io.darkroom.platform.storage.StorageLayout;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * Answers a thumbnail request for a catalog item: the JPEG from the derived-files folder with its ETag (content hash
 * and size) and the caller's caching, a 304 when the client has it, or, for a missing on-demand size
 * ({@link ThumbnailSizes#ON_DEMAND}), the file once {@link OnDemandThumbnails} has had it made; 504 when it is not
 * made in time, 503 when thumbnail-service cannot be asked.
 */
@ApplicationScoped
public class ThumbnailDelivery {

    private static final Logger LOG = Logger.getLogger(ThumbnailDelivery.class);

    private final OnDemandThumbnails onDemand;
    private final StorageLayout storage;

    ThumbnailDelivery(OnDemandThumbnails onDemand, StorageConfig storage) {
        this.onDemand = onDemand;
        this.storage = StorageLayout.from(storage);
    }

    /**
     * The file made for a content hash when it is already there: the hot path of the grid, answered without a
     * catalog lookup (the hash names the file; a thumbnail exists only for content the catalog holds).
     */
    public Optional<Response> serveMade(String contentHash, String size, Request request, String caching) {
        Path file = storage.file(contentHash, ThumbnailSizes.fileName(size));
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(fileResponse(file, tag(contentHash, size), request, caching));
    }

    public Uni<Response> serve(ThumbnailSource source, String size, Request request, String caching) {
        if (source.contentHash() == null) {
            return Uni.createFrom().item(problem(Response.Status.NOT_FOUND,
                    "This item has no thumbnails: its file could not be read."));
        }
        Optional<Response> made = serveMade(source.contentHash(), size, request, caching);
        if (made.isPresent()) {
            return Uni.createFrom().item(made.get());
        }
        if (!ThumbnailSizes.onDemand(size)) {
            return Uni.createFrom().item(problem(Response.Status.NOT_FOUND, missingStandardSize(source)));
        }
        if (!source.pictured()) {
            return Uni.createFrom().item(problem(Response.Status.NOT_FOUND, "This item has no picture to show."));
        }
        if (!source.indexed()) {
            return Uni.createFrom().item(problem(Response.Status.NOT_FOUND,
                    "This size cannot be made: the item's original is not in the library (status %s)."
                            .formatted(source.status())));
        }
        Path file = storage.file(source.contentHash(), ThumbnailSizes.fileName(size));
        return Uni.createFrom().completionStage(() -> onDemand.await(source, size, file))
                .map(madeNow -> fileResponse(madeNow, tag(source.contentHash(), size), request, caching))
                .onFailure().recoverWithItem(ThumbnailDelivery::notMade);
    }

    /** The ETag of a content hash's size: its bytes never change. */
    private static EntityTag tag(String contentHash, String size) {
        return new EntityTag(contentHash + "-" + size);
    }

    /** {@link #tag} as it goes in the header. */
    static String quotedTag(String contentHash, String size) {
        return '"' + contentHash + "-" + size + '"';
    }

    private static Response fileResponse(Path file, EntityTag tag, Request request, String caching) {
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        Response.ResponseBuilder builder = notModified != null ? notModified
                : Response.ok(file.toFile(), "image/jpeg");
        return builder.tag(tag).header(HttpHeaders.CACHE_CONTROL, caching).build();
    }

    private static String missingStandardSize(ThumbnailSource source) {
        if ("FAILED".equals(source.thumbnailStatus())) {
            return "This item has no thumbnails: making them failed (see the item's failure).";
        }
        return "The thumbnails of this item are not made yet; try again shortly.";
    }

    private static Response notMade(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof ThumbnailNotReadyException notReady) {
            return Response.fromResponse(problem(Response.Status.GATEWAY_TIMEOUT, notReady.getMessage()))
                    .header(HttpHeaders.RETRY_AFTER, 5).build();
        }
        LOG.warn("Could not ask thumbnail-service for an on-demand size", cause);
        return Response.fromResponse(problem(Response.Status.SERVICE_UNAVAILABLE,
                "The picture cannot be made right now: the thumbnail service is not reachable. Try again later."))
                .header(HttpHeaders.RETRY_AFTER, 30).build();
    }
}
