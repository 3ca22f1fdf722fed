package io.darkroom.gateway.api;

import io.darkroom.gateway.domain.FolderEntry;
import io.darkroom.gateway.domain.InvalidRequestException;
import io.darkroom.gateway.domain.LibraryFolder;
import io.darkroom.gateway.domain.PageLimit;
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

    static final int PAGE = 100;
    static final int MAX_PAGE = 500;

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
        String clean = LibraryFolder.clean(root, folder);
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
        int size = PageLimit.parse(limit, PAGE, MAX_PAGE);
        return browse.duplicates(cursor, size).map(page -> new DuplicatesPage(page.groups().stream()
                .map(group -> new DuplicateGroup(group.get(0).contentHash(),
                        group.stream().map(MediaItemResponse::from).toList()))
                .toList(), page.nextHash()));
    }
}
