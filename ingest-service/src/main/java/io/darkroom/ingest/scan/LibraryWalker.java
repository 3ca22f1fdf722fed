package io.darkroom.ingest.scan;

import io.darkroom.events.FileLocation;
import io.darkroom.ingest.domain.FileStat;
import io.darkroom.ingest.domain.PathFilter;
import io.darkroom.ingest.domain.RootScan;
import io.darkroom.ingest.domain.RootScan.Availability;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
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
        Path root;
        try {
            // The root itself may be a link (e.g. /photos -> /mnt/storagebox/photos); everything below it is not followed.
            root = folder.toRealPath();
        } catch (IOException e) {
            return RootScan.unavailable(rootName, Availability.MISSING);
        }
        if (!Files.isDirectory(root)) {
            return RootScan.unavailable(rootName, Availability.MISSING);
        }
        if (!Files.isReadable(root) || !Files.isExecutable(root)) {
            return RootScan.unavailable(rootName, Availability.UNREADABLE);
        }
        Visitor visitor = new Visitor(rootName, root);
        try {
            Files.walkFileTree(root, visitor);
        } catch (IOException e) {
            LOG.warnf("Library root '%s' (%s) could not be walked: %s", rootName, root, e.getMessage());
            return RootScan.unavailable(rootName, Availability.UNREADABLE);
        }
        if (visitor.rootUnreadable) {
            return RootScan.unavailable(rootName, Availability.UNREADABLE);
        }
        return new RootScan(rootName, Availability.AVAILABLE, visitor.hasEntries, visitor.files, visitor.unreadable);
    }

    private final class Visitor extends SimpleFileVisitor<Path> {

        private final String rootName;
        private final Path root;
        private final Map<FileLocation, FileStat> files = new HashMap<>();
        private final List<String> unreadable = new ArrayList<>();
        private boolean hasEntries;
        private boolean rootUnreadable;

        Visitor(String rootName, Path root) {
            this.rootName = rootName;
            this.root = root;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(root)) {
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
