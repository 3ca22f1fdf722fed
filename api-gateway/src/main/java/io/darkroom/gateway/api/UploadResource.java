package io.darkroom.gateway.api;

import io.darkroom.events.RescanRequested;
import io.darkroom.gateway.UploadsConfig;
import io.darkroom.gateway.domain.InvalidRequestException;
import io.darkroom.gateway.domain.RefusedException;
import io.darkroom.gateway.domain.Upload;
import io.darkroom.gateway.domain.UploadNames;
import io.darkroom.gateway.messaging.RescanRequestPublisher;
import io.darkroom.gateway.persistence.AuditLog;
import io.darkroom.gateway.persistence.UploadRepository;
import io.darkroom.gateway.security.Caller;
import io.darkroom.gateway.security.ClientAddress;
import io.darkroom.gateway.security.Role;
import io.darkroom.gateway.security.SecretTokens;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Resumable uploads in chunks, so that a 2 GB phone video passes Cloudflare's 100 MB per request: create the upload,
 * PUT its chunks in order with {@code Content-Range: bytes first-last/size}, ask where to continue after a broken
 * connection, and the last chunk moves the file into the library's upload folder and asks ingest-service to scan it.
 * Blocking (file I/O) on worker threads; the repository calls are awaited there.
 */
@Path("/api/v1/uploads")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
@Blocking
public class UploadResource {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d{1,19})-(\\d{1,19})/(\\d{1,19})");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** {@code sha256} (optional) is checked before the file enters the library. */
    public record NewUpload(String fileName, Long size, String sha256) {
    }

    /** Where an upload stands: send the bytes from {@code received} on; {@code path} once it is in the library. */
    public record UploadStatus(String id, String fileName, long size, long received, int chunkBytes, String path) {

        static UploadStatus of(Upload upload, int chunkBytes) {
            return new UploadStatus(upload.id(), upload.fileName(), upload.sizeBytes(), upload.receivedBytes(),
                    chunkBytes, upload.libraryPath());
        }
    }

    private final UploadRepository uploads;
    private final UploadStore store;
    private final UploadsConfig config;
    private final RescanRequestPublisher rescans;
    private final AuditLog audit;
    private final ClientAddress clientAddress;
    private final SecurityIdentity identity;
    private final Clock clock;

    public UploadResource(UploadRepository uploads, UploadStore store, UploadsConfig config,
            RescanRequestPublisher rescans, AuditLog audit, ClientAddress clientAddress, SecurityIdentity identity,
            Clock clock) {
        this.uploads = uploads;
        this.store = store;
        this.config = config;
        this.rescans = rescans;
        this.audit = audit;
        this.clientAddress = clientAddress;
        this.identity = identity;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start an upload: {fileName, size, sha256?}; answers its id and the chunk size")
    public Response create(NewUpload request) {
        if (request == null || request.size() == null) {
            throw new InvalidRequestException("Send {\"fileName\": \"…\", \"size\": bytes} and optionally \"sha256\".");
        }
        String fileName = UploadNames.clean(request.fileName());
        if (request.size() < 1 || request.size() > config.maxFileBytes()) {
            throw new InvalidRequestException("size is 1 to " + config.maxFileBytes() + " bytes.");
        }
        if (request.sha256() != null && !SHA256.matcher(request.sha256()).matches()) {
            throw new InvalidRequestException("sha256 is 64 lower-case hex digits.");
        }
        Upload upload = new Upload(SecretTokens.generate(), Caller.of(identity).accountId(), fileName, request.size(),
                0, request.sha256(), clock.instant(), null);
        store.create(upload.id());
        uploads.create(upload).await().indefinitely();
        return Response.status(Response.Status.CREATED).entity(UploadStatus.of(upload, config.chunkBytes())).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Where an upload stands: resume from received")
    public UploadStatus status(@PathParam("id") String id) {
        return UploadStatus.of(mine(id), config.chunkBytes());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "The next chunk, with Content-Range: bytes first-last/size; the last one completes the upload")
    public UploadStatus chunk(@PathParam("id") String id, @HeaderParam("Content-Range") String contentRange,
            InputStream body, @Context HttpServerRequest http) {
        Upload upload = mine(id);
        if (upload.complete()) {
            return UploadStatus.of(upload, config.chunkBytes()); // a retried last chunk: already done
        }
        if (upload.receivedBytes() == upload.sizeBytes()) {
            // every byte arrived, but moving the file into the library failed (its root read-only, the disk full):
            // the client sends the last chunk again, and the file is moved now
            return UploadStatus.of(finish(upload, http), config.chunkBytes());
        }
        Matcher range = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange);
        if (range == null || !range.matches()) {
            throw new InvalidRequestException("Send Content-Range: bytes <first>-<last>/<size>.");
        }
        long first = Long.parseLong(range.group(1));
        long last = Long.parseLong(range.group(2));
        if (Long.parseLong(range.group(3)) != upload.sizeBytes() || last < first || last >= upload.sizeBytes()
                || last - first + 1 > config.chunkBytes()) {
            throw new InvalidRequestException("The range must lie within the file's " + upload.sizeBytes()
                    + " bytes and hold at most " + config.chunkBytes() + ".");
        }
        if (first != upload.receivedBytes()) {
            throw new RefusedException(409, "The next chunk starts at byte " + upload.receivedBytes() + ".");
        }
        long written = store.write(id, first, body, last - first + 1);
        if (written != last - first + 1) {
            throw new InvalidRequestException("The chunk held " + written + " bytes, not the " + (last - first + 1)
                    + " its Content-Range announced; send it again.");
        }
        if (!uploads.advance(id, first, last + 1).await().indefinitely()) {
            throw new RefusedException(409, "Another request sent this chunk at the same time; ask where to resume.");
        }
        Upload advanced = mine(id);
        return last + 1 == upload.sizeBytes() ? UploadStatus.of(finish(advanced, http), config.chunkBytes())
                : UploadStatus.of(advanced, config.chunkBytes());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Abandon an upload and its bytes")
    public Response abort(@PathParam("id") String id) {
        Upload upload = mine(id);
        if (!upload.complete()) {
            store.discard(id);
        }
        uploads.delete(id).await().indefinitely();
        return Response.noContent().build();
    }

    private Upload finish(Upload upload, HttpServerRequest http) {
        if (upload.sha256() != null && !upload.sha256().equals(store.sha256(upload.id()))) {
            store.discard(upload.id());
            uploads.delete(upload.id()).await().indefinitely();
            throw new RefusedException(422, "The file's SHA-256 is not the one announced: it was damaged on the way."
                    + " Upload it again.");
        }
        String path = store.publish(upload.id(), upload.fileName());
        uploads.complete(upload.id(), path).await().indefinitely();
        rescans.publish(RescanRequested.of(store.rootName(), store.publishedFolder(path), "upload"))
                .await().indefinitely();
        audit.record(identity.getPrincipal().getName(), "UPLOAD", store.rootName() + ":" + path,
                clientAddress.of(http)).await().indefinitely();
        return mine(upload.id());
    }

    private Upload mine(String id) {
        if (!SecretTokens.plausible(id)) {
            throw new RefusedException(404, "There is no such upload.");
        }
        return uploads.find(id, Caller.of(identity).accountId()).await().indefinitely()
                .orElseThrow(() -> new RefusedException(404, "There is no such upload."));
    }
}
