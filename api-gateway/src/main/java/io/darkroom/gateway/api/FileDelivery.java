package io.darkroom.gateway.api;

import static io.darkroom.gateway.api.ProblemExceptionMapper.problem;

import io.darkroom.gateway.domain.ByteRange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.PathPart;

/**
 * Sends a whole file or one byte range of it (video seeking, resumed downloads): 200, 206 with Content-Range, 304
 * when the client's ETag still matches, 416 for a range past the end. The bytes go out with sendfile.
 *
 * <p>The library may hold any file, so an original is never interpreted as part of our site: a sandboxing CSP and
 * nosniff on every answer, and anything but a plain image or video is offered as a download (an SVG or HTML file
 * opened inline could otherwise run script in the gallery's origin).
 */
@ApplicationScoped
public class FileDelivery {

    static final String SANDBOX = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'";
    private static final Set<String> INLINE_IMAGES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp",
            "image/avif", "image/heic", "image/heif", "image/bmp", "image/tiff");

    /** The answer for {@code file}; call on a worker thread (it asks the file system for the size). */
    public Response send(Path file, String contentType, EntityTag tag, String fileName, boolean download,
            Request request, HttpHeaders headers, String caching) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return problem(Response.Status.NOT_FOUND,
                    "The file is not where the catalog says: the library may be unmounted or the file was removed.");
        }
        if (tag != null) {
            Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
            if (notModified != null) {
                return notModified.tag(tag).header(HttpHeaders.CACHE_CONTROL, caching).build();
            }
        }
        String type = contentType == null ? "application/octet-stream" : contentType;
        Optional<ByteRange> range;
        try {
            range = rangeApplies(headers, tag) ? ByteRange.parse(headers.getHeaderString("Range"), size)
                    : Optional.empty();
        } catch (ByteRange.UnsatisfiableRangeException e) {
            return Response.fromResponse(problem(Response.Status.REQUESTED_RANGE_NOT_SATISFIABLE, e.getMessage()))
                    .header("Content-Range", "bytes */" + size).build();
        }
        Response.ResponseBuilder builder = range
                .map(r -> Response.status(Response.Status.PARTIAL_CONTENT).entity(new PathPart(file, r.first(),
                        r.length())).header("Content-Range", r.contentRange(size)))
                .orElseGet(() -> Response.ok(new PathPart(file, 0, size)));
        boolean inline = !download && (type.startsWith("video/") || INLINE_IMAGES.contains(type));
        return builder.type(type).tag(tag)
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CACHE_CONTROL, caching)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", SANDBOX)
                .header("Content-Disposition", disposition(inline, fileName))
                .build();
    }

    /** A Range applies unless If-Range names another version than ours. */
    private static boolean rangeApplies(HttpHeaders headers, EntityTag tag) {
        String ifRange = headers.getHeaderString("If-Range");
        return ifRange == null || tag != null && ifRange.strip().equals("\"" + tag.getValue() + "\"");
    }

    /** RFC 6266: an ASCII fallback name and the exact UTF-8 one. */
    static String disposition(boolean inline, String fileName) {
        String name = fileName == null || fileName.isBlank() ? "file" : fileName;
        StringBuilder ascii = new StringBuilder();
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return (inline ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
