package io.darkroom.ingest.domain;

import io.darkroom.events.FileLocation;
import java.util.List;
import java.util.Map;

/**
 * One walk of one library root.
 *
 * @param root           the root's name
 * @param availability   whether the root folder could be walked at all
 * @param hasEntries     whether the root folder had any entry at all (junk included): an unmounted mount point has none
 * @param files          the accepted regular files found
 * @param unreadablePaths relative paths of folders or files that could not be read: what the state knows under them
 *                       is not taken for gone
 * @param scope          what was walked: the whole root, or one folder of it
 */
public record RootScan(String root, Availability availability, boolean hasEntries, Map<FileLocation, FileStat> files,
        List<String> unreadablePaths, ScanScope scope) {

    /** A walk of the whole root. */
    public RootScan(String root, Availability availability, boolean hasEntries, Map<FileLocation, FileStat> files,
            List<String> unreadablePaths) {
        this(root, availability, hasEntries, files, unreadablePaths, ScanScope.wholeRoot(root));
    }

    public enum Availability {
        AVAILABLE, MISSING, UNREADABLE
    }

    public static RootScan unavailable(String root, Availability availability) {
        return unavailable(ScanScope.wholeRoot(root), availability);
    }

    public static RootScan unavailable(ScanScope scope, Availability availability) {
        return new RootScan(scope.root(), availability, false, Map.of(), List.of(), scope);
    }

    /** Whether {@code location} lies in a folder this walk could not read (or is such a file). */
    public boolean couldNotRead(FileLocation location) {
        String path = location.relativePath();
        return unreadablePaths.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }
}
