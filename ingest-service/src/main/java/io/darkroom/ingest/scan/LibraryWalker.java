package io.darkroom.ingest.scan;

import io.darkroom.events.FileLocation;
import io.darkroom.ingest.domain.FileStat;
import io.darkroom.ingest.domain.PathFilter;
import io.darkroom.ingest.domain.RootScan;
import io.darkroom.ingest.domain.ScanScope;
import io.darkroom.ingest.domain.RootScan.Availability;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Walks one library root with {@link Files#walkFileTree}, reading only file attributes. Symbolic links are never
 * followed: one pointing outside the root would leak other folders into the library, and one pointing inside it
 * would publish the same file twice.
 */
public final class LibraryWalker {

    private static final Logger LOG = Logger.getLogger(LibraryWalker.class);

    private final PathFilter filter;

    public LibraryWalker(PathFilter filter) {
        this.filter = filter;
    }

    public RootScan walk(String rootName, Path folder) {
        return walk(ScanScope.wholeRoot(rootName), folder);
    }

    /**
     * Walks what {@code scope} covers under the root folder {@code folder}. The root's availability (missing,
     * unreadable, empty) is judged on the root folder itself whatever the scope, so that a folder scan of an
     * unmounted Storage Box is recognised as such.
     */
    public RootScan walk(ScanScope scope, Path folder) {
        String rootName = scope.root();
        Path root;
        try {
            // The root itself may be a link (e.g. /photos -> /mnt/storagebox/photos); everything below it is not followed.
            root = folder.toRealPath();
        } catch (IOException e) {
            return RootScan.unavailable(scope, Availability.MISSING);
        }
        if (!Files.isDirectory(root)) {
            return RootScan.unavailable(scope, Availability.MISSING);
        }
        if (!Files.isReadable(root) || !Files.isExecutable(root)) {
            return RootScan.unavailable(scope, Availability.UNREADABLE);
        }
        Path start = root;
        boolean rootHasEntries = false;
        if (!scope.folder().isEmpty()) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
                rootHasEntries = entries.iterator().hasNext();
            } catch (IOException e) {
                return RootScan.unavailable(scope, Availability.UNREADABLE);
            }
            start = root.resolve(scope.folder()).normalize();
            if (!isWalkableFolder(root, start, scope.folder())) {
                // gone, junk, excluded, or reached through a symbolic link: nothing of this library is in there
                return new RootScan(rootName, Availability.AVAILABLE, rootHasEntries, Map.of(), List.of(), scope);
            }
        }
        Visitor visitor = new Visitor(rootName, root, start);
        try {
            Files.walkFileTree(start, EnumSet.noneOf(FileVisitOption.class),
                    scope.recursive() ? Integer.MAX_VALUE : 1, visitor);
        } catch (IOException e) {
            LOG.warnf("Library root '%s' (%s) could not be walked: %s", rootName, root, e.getMessage());
            return RootScan.unavailable(scope, Availability.UNREADABLE);
        }
        if (visitor.rootUnreadable) {
            return RootScan.unavailable(scope, Availability.UNREADABLE);
        }
        return new RootScan(rootName, Availability.AVAILABLE, visitor.hasEntries || rootHasEntries, visitor.files,
                visitor.unreadable, scope);
    }

    /** A real folder under the root, reached without a symbolic link, that the filter lets a scan into. */
    private boolean isWalkableFolder(Path root, Path start, String relativeFolder) {
        if (!start.startsWith(root) || start.equals(root)) {
            return false;
        }
        String[] segments = relativeFolder.split("/");
        StringBuilder prefix = new StringBuilder();
        for (String segment : segments) {
            prefix.append(prefix.length() == 0 ? "" : "/").append(segment);
            if (!filter.descendsInto(prefix.toString())) {
                return false;
            }
        }
        try {
            return Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS) && start.toRealPath().equals(start);
        } catch (IOException e) {
            return false;
        }
    }

    private final class Visitor extends SimpleFileVisitor<Path> {

        private final String rootName;
        private final Path root;
        private final Path start;
        private final Map<FileLocation, FileStat> files = new HashMap<>();
        private final List<String> unreadable = new ArrayList<>();
        private boolean hasEntries;
        private boolean rootUnreadable;

        Visitor(String rootName, Path root, Path start) {
            this.rootName = rootName;
            this.root = root;
            this.start = start;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(start)) {
                return FileVisitResult.CONTINUE;
            }
            hasEntries = true;
            return filter.descendsInto(relative(dir)) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            hasEntries = true;
            if (!attrs.isRegularFile()) {
                return FileVisitResult.CONTINUE; // symbolic links, devices, sockets
            }
            String relative = relative(file);
            if (!filter.accepts(relative)) {
                return FileVisitResult.CONTINUE;
            }
            FileLocation location;
            try {
                location = new FileLocation(rootName, relative);
            } catch (IllegalArgumentException e) {
                LOG.warnf("Skipping a file whose name cannot travel in an event: %s (%s)", file, e.getMessage());
                return FileVisitResult.CONTINUE;
            }
            files.put(location, new FileStat(location, attrs.size(), attrs.lastModifiedTime().toInstant()));
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
            if (file.equals(root)) {
                rootUnreadable = true;
                return FileVisitResult.TERMINATE;
            }
            hasEntries = true;
            LOG.warnf("Could not read %s: %s", file, exc.toString());
            unreadable.add(relative(file));
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
            if (exc != null) {
                LOG.warnf("Could not list all of %s: %s", dir, exc.toString());
                if (dir.equals(root)) {
                    rootUnreadable = true;
                    return FileVisitResult.TERMINATE;
                }
                unreadable.add(relative(dir));
            }
            return FileVisitResult.CONTINUE;
        }

        private String relative(Path path) {
            return root.relativize(path).toString().replace(java.io.File.separatorChar, '/');
        }
    }
}
