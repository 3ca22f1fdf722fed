package io.darkroom.ingest.domain;

import io.darkroom.events.FileLocation;
import java.util.Objects;

/**
 * What one scan looks at: a whole library root, or one folder of it (a watch event, an upload, the admin's
 * "rescan" button), with or without its sub-folders. Only a whole-root scan can confirm that a file is gone.
 *
 * @param root      the root's name
 * @param folder    the folder relative to the root, forward slashes; empty for the root itself
 * @param recursive whether sub-folders are scanned too
 */
public record ScanScope(String root, String folder, boolean recursive) {

    public ScanScope {
        Objects.requireNonNull(root, "root");
        folder = folder == null ? "" : trimSlashes(folder);
        if (folder.startsWith("/") || folder.contains("\\") || ("/" + folder + "/").contains("/../")
                || ("/" + folder + "/").contains("/./")) {
            throw new IllegalArgumentException("Not a folder inside its root: " + folder);
        }
    }

    public static ScanScope wholeRoot(String root) {
        return new ScanScope(root, "", true);
    }

    public boolean isWholeRoot() {
        return folder.isEmpty() && recursive;
    }

    /** Whether {@code location} lies in this scope. */
    public boolean contains(FileLocation location) {
        if (!location.root().equals(root)) {
            return false;
        }
        String path = location.relativePath();
        String rest;
        if (folder.isEmpty()) {
            rest = path;
        } else if (path.startsWith(folder + "/")) {
            rest = path.substring(folder.length() + 1);
        } else {
            return false;
        }
        return recursive || rest.indexOf('/') < 0;
    }

    /** Whether this scope covers everything {@code other} covers. */
    public boolean covers(ScanScope other) {
        if (!root.equals(other.root)) {
            return false;
        }
        if (folder.equals(other.folder)) {
            return recursive || !other.recursive;
        }
        return recursive && (folder.isEmpty() || other.folder.startsWith(folder + "/"));
    }

    @Override
    public String toString() {
        return root + ":" + (folder.isEmpty() ? "" : folder + "/") + (recursive ? "**" : "*");
    }

    private static String trimSlashes(String folder) {
        String f = folder;
        while (f.endsWith("/")) {
            f = f.substring(0, f.length() - 1);
        }
        while (f.startsWith("/")) {
            f = f.substring(1);
        }
        return f;
    }
}
