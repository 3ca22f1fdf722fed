package io.darkroom.gateway.api;

import io.darkroom.gateway.domain.FolderEntry;
import io.darkroom.gateway.domain.InvalidRequestException;
import io.darkroom.gateway.persistence.LibraryBrowseRepository;
import io.darkroom.gateway.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The library other than by date: its folders and its duplicates. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
public class LibraryBrowseResource {

    private static final int PAGE = 100;
    private static final int MAX_PAGE = 500;

    /** {@code roots} at the top (no root asked); {@code truncated} when a folder has more sub-folders than shown. */
    public record FolderListing(Map<String, Long> roots, String root, String folder, List<FolderEntry> folders,
            boolean truncated) {
    }

    public record DuplicateGroup(String contentHash, List<MediaItemResponse> items) {
    }

    public record DuplicatesPage(List<DuplicateGroup> groups, String nextCursor) {
    }

    private final LibraryBrowseRepository browse;

    public LibraryBrowseResource(LibraryBrowseRepository browse) {
        this.browse = browse;
    }

    @GET
    @Path("/folders")
    @Operation(summary = "The library roots, or the sub-folders of a folder with their item counts; the items of a"
            + " folder are GET /api/v1/media?root=&folder=")
    public Uni<FolderListing> folders(@QueryParam("root") String root, @QueryParam("folder") String folder) {
        if (root == null) {
            if (folder != null) {
                throw new InvalidRequestException("folder needs a root.");
            }
            return browse.roots().map(roots -> new FolderListing(roots, null, null, List.of(), false));
        }
        String clean = folder == null ? "" : folder.replaceAll("^/+|/+$", "");
        if (root.isBlank() || root.length() > 64 || clean.length() > 1024 || clean.contains("\\")
                || List.of(clean.split("/")).contains("..") || clean.contains("//")) {
            throw new InvalidRequestException("root and folder name a folder of the library, such as root=family"
                    + " and folder=2024/holidays.");
        }
        return browse.folders(root, clean).map(found -> {
            boolean truncated = found.size() > LibraryBrowseRepository.MAX_FOLDERS;
            return new FolderListing(null, root, clean,
                    truncated ? found.subList(0, LibraryBrowseRepository.MAX_FOLDERS) : found, truncated);
        });
    }

    @GET
    @Path("/duplicates")
    @Operation(summary = "Groups of items with identical content (the same file in several places)")
    public Uni<DuplicatesPage> duplicates(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        if (cursor != null && !cursor.matches("[0-9a-f]{64}")) {
            throw new InvalidRequestException("cursor is the nextCursor of the previous page.");
        }
        return browse.duplicates(cursor, size(limit)).map(page -> new DuplicatesPage(page.groups().stream()
                .map(group -> new DuplicateGroup(group.get(0).contentHash(),
                        group.stream().map(MediaItemResponse::from).toList()))
                .toList(), page.nextHash()));
    }

    static int size(String limit) {
        if (limit == null) {
            return PAGE;
        }
        try {
            int size = Integer.parseInt(limit);
            if (size >= 1 && size <= MAX_PAGE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidRequestException("limit is a whole number from 1 to " + MAX_PAGE + ".");
    }
}
