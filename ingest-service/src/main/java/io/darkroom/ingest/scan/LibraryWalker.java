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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Walks one library root with {@link Files#walkFileTree}, reading only file attributes. Symbolic links are never
 * followed: one pointing outside the root would leak other folders into the library, and one pointing inside it
 * would publish the same file twice. A recursive walk lists the first level itself and walks each folder found there
 * on a small pool of threads: stat calls are latency-bound on a network mount and CPU-bound on a local disk, and
 * both go faster side by side.
 */
public final class LibraryWalker {

    private static final Logger LOG = Logger.getLogger(LibraryWalker.class);

    private final PathFilter filter;
    private final ThreadPoolExecutor pool;

    public LibraryWalker(PathFilter filter) {
        this(filter, 1);
    }

    /** @param threads how many sub-folders are walked at once; 1 walks everything on the caller's thread */
    public LibraryWalker(PathFilter filter, int threads) {
        this.filter = filter;
        if (threads > 1) {
            AtomicInteger count = new AtomicInteger();
            pool = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "darkroom-walk-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            pool.allowCoreThreadTimeOut(true); // idle between scans: no threads kept
        } else {
            pool = null;
        }
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
        boolean parallel = scope.recursive() && pool != null;
        if (parallel) {
            visitor.deferredFolders = new ArrayList<>();
        }
        try {
            Files.walkFileTree(start, EnumSet.noneOf(FileVisitOption.class),
                    scope.recursive() && !parallel ? Integer.MAX_VALUE : 1, visitor);
        } catch (IOException e) {
            LOG.warnf("Library root '%s' (%s) could not be walked: %s", rootName, root, e.getMessage());
            return RootScan.unavailable(scope, Availability.UNREADABLE);
        }
        if (parallel && !visitor.rootUnreadable && !walkDeferred(visitor)) {
            return RootScan.unavailable(scope, Availability.UNREADABLE); // interrupted: trust nothing of this walk
        }
        if (visitor.rootUnreadable) {
            return RootScan.unavailable(scope, Availability.UNREADABLE);
        }
        return new RootScan(rootName, Availability.AVAILABLE, visitor.hasEntries || rootHasEntries, visitor.files,
                visitor.unreadable, scope);
    }

    /** Walks the folders the first level deferred, on the pool, and merges what they found into {@code top}. */
    private boolean walkDeferred(Visitor top) {
        List<Future<Visitor>> walks = new ArrayList<>();
        for (Path folder : top.deferredFolders) {
            walks.add(pool.submit(() -> {
                Visitor sub = new Visitor(top.rootName, top.root, folder);
                try {
                    Files.walkFileTree(folder, sub);
                } catch (IOException e) {
                    LOG.warnf("Could not walk %s: %s", folder, e.toString());
                    sub.unreadable.add(sub.startRelative);
                }
                return sub;
            }));
        }
        try {
            for (Future<Visitor> walk : walks) {
                Visitor sub = walk.get();
                top.files.putAll(sub.files);
                top.unreadable.addAll(sub.unreadable);
            }
            return true;
        } catch (InterruptedException e) {
            walks.forEach(w -> w.cancel(true));
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("A folder walk failed", e.getCause());
        }
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
        private final String startRelative;
        private final Map<FileLocation, FileStat> files = new HashMap<>();
        private final List<String> unreadable = new ArrayList<>();
        /** Sub-folders of the first level, to be walked on the pool; null when walking everything here. */
        private List<Path> deferredFolders;
        /** Relative paths of the folders being visited, innermost first. */
        private final java.util.ArrayDeque<String> folders = new java.util.ArrayDeque<>();
        private boolean hasEntries;
        private boolean rootUnreadable;

        Visitor(String rootName, Path root, Path start) {
            this.rootName = rootName;
            this.root = root;
            this.start = start;
            this.startRelative = root.equals(start) ? ""
                    : root.relativize(start).toString().replace(java.io.File.separatorChar, '/');
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(start)) {
                folders.push(startRelative);
                return FileVisitResult.CONTINUE;
            }
            hasEntries = true;
            String relative = relative(dir);
            if (!filter.descendsInto(relative)) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            folders.push(relative);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            hasEntries = true;
            if (deferredFolders != null && attrs.isDirectory()) {
                if (filter.descendsInto(relative(file))) {
                    deferredFolders.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
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
            folders.pop();
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

        /**
         * The path relative to the root, built from the enclosing folder's (already known) relative path and the
         * entry's name: much cheaper than relativising a path per file.
         */
        private String relative(Path path) {
            if (path.equals(start)) {
                return startRelative;
            }
            String parent = folders.peek();
            String name = path.getFileName().toString();
            return parent == null || parent.isEmpty() ? name : parent + '/' + name;
        }
    }
}
