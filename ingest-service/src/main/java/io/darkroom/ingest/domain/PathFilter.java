package io.darkroom.ingest.domain;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which files under a root are library content. Hidden and junk names (NAS thumbnail folders, partial downloads,
 * sync-tool temporaries) are never content; then the configured include and exclude globs apply to the path
 * relative to the root, with forward slashes.
 */
public final class PathFilter {

    /** Exact names of NAS, OS and sync-tool litter. Hidden names (a leading dot) are left out anyway. */
    private static final Set<String> JUNK_NAMES = Set.of("@eaDir", "#recycle", "#snapshot", "lost+found",
            "Thumbs.db", "desktop.ini", ".DS_Store", ".@__thumb", ".~tmp~");

    /** Name endings of files still being written by a browser, rsync-like tool or editor. */
    private static final List<String> JUNK_SUFFIXES = List.of(".part", ".partial", ".tmp", ".crdownload", ".download");

    private final List<PathMatcher> includes;
    private final List<PathMatcher> excludes;
    /** The default globs ({@code **}, no exclusions): only the junk rules apply, and no glob is evaluated per file. */
    private final boolean onlyJunkRules;

    public PathFilter(List<String> includeGlobs, List<String> excludeGlobs) {
        this.includes = includeGlobs.stream().map(PathFilter::glob).toList();
        this.excludes = excludeGlobs.stream().map(PathFilter::glob).toList();
        this.onlyJunkRules = includeGlobs.contains("**") && excludeGlobs.isEmpty();
    }

    /** Only the built-in junk rules: every other file is content. */
    public static PathFilter acceptingAll() {
        return new PathFilter(List.of("**"), List.of());
    }

    /**
     * Hidden files and folders (which covers {@code .DS_Store}, {@code .syncthing.*}, rsync's {@code .name.XXXXXX}),
     * NAS litter and temporaries.
     */
    public static boolean isJunk(String name) {
        if (name.startsWith(".") || name.startsWith("~syncthing~") || JUNK_NAMES.contains(name)) {
            return true;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return JUNK_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    /** Whether a scan should look inside the folder at {@code relativePath} (never the root itself). */
    public boolean descendsInto(String relativePath) {
        return !isJunk(lastSegment(relativePath)) && (excludes.isEmpty() || !matchesAny(excludes, relativePath));
    }

    /** Whether the regular file at {@code relativePath} is library content. */
    public boolean accepts(String relativePath) {
        if (onlyJunkRules) {
            return !isJunk(lastSegment(relativePath));
        }
        return !isJunk(lastSegment(relativePath)) && matchesAny(includes, relativePath)
                && !matchesAny(excludes, relativePath);
    }

    private static boolean matchesAny(List<PathMatcher> matchers, String relativePath) {
        // A glob's ** becomes a regex .* that stops at a line break: names may hold line breaks (they are legal on
        // every Unix file system), so they are matched as if they were any other character.
        Path path = Path.of(relativePath.replace('\n', '\uFFFD').replace('\r', '\uFFFD'));
        return matchers.stream().anyMatch(m -> m.matches(path));
    }

    private static String lastSegment(String relativePath) {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? relativePath : relativePath.substring(slash + 1);
    }

    private static PathMatcher glob(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }
}
