package io.darkroom.ingest.scan;

import io.darkroom.events.FileLocation;
import io.darkroom.ingest.domain.FileStat;
import io.darkroom.ingest.domain.PathFilter;
import io.darkroom.ingest.domain.RootScan;
import io.darkroom.ingest.domain.ScanScope;
import io.darkroom.ingest.domain.RootScan.Availability;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
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
 * Walks one library root, reading only file attributes (one stat per entry, relative to its open folder). Symbolic
 * links are never followed: one pointing outside the root would leak other folders into the library, and one pointing
 * inside it would publish the same file twice. A recursive walk lists the first level itself and walks each folder found there
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
        String startRelative = root.equals(start) ? "" : scope.folder();
        Walk walk = new Walk(rootName);
        boolean parallel = scope.recursive() && pool != null;
        Folder top;
        try {
            top = Folder.open(start);
        } catch (IOException e) {
            if (start.equals(root)) {
                LOG.warnf("Library root '%s' (%s) could not be listed: %s", rootName, root, e.toString());
                return RootScan.unavailable(scope, Availability.UNREADABLE);
            }
            LOG.warnf("Could not read %s: %s", start, e.toString());
            walk.unreadable.add(startRelative);
            return new RootScan(rootName, Availability.AVAILABLE, true, walk.files, walk.unreadable, scope);
        }
        try {
            List<String> deferred = parallel ? new ArrayList<>() : null;
            if (!walk.folder(top, startRelative, scope.recursive(), deferred) && start.equals(root)) {
                return RootScan.unavailable(scope, Availability.UNREADABLE);
            }
            if (parallel && !walkDeferred(top, startRelative, deferred, walk)) {
                return RootScan.unavailable(scope, Availability.UNREADABLE); // interrupted: trust nothing of this walk
            }
        } finally {
            top.closeQuietly();
        }
        return new RootScan(rootName, Availability.AVAILABLE, walk.hasEntries || rootHasEntries, walk.files,
                walk.unreadable, scope);
    }

    /**
     * Walks the first-level folders the top folder deferred, on the pool, and merges what they found into {@code top}.
     * Each is opened through the (still open) top folder, so none is reached through a link swapped in meanwhile.
     */
    private boolean walkDeferred(Folder parent, String parentRelative, List<String> names, Walk top) {
        List<Future<Walk>> walks = new ArrayList<>();
        for (String name : names) {
            walks.add(pool.submit(() -> {
                Walk sub = new Walk(top.rootName);
                String relative = parentRelative.isEmpty() ? name : parentRelative + '/' + name;
                sub.subfolder(parent, name, relative);
                return sub;
            }));
        }
        try {
            for (Future<Walk> walk : walks) {
                Walk sub = walk.get();
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

    /** What one thread's share of a walk found. */
    private final class Walk {

        private final String rootName;
        private final Map<FileLocation, FileStat> files = new HashMap<>();
        private final List<String> unreadable = new ArrayList<>();
        private boolean hasEntries;

        Walk(String rootName) {
            this.rootName = rootName;
        }

        /**
         * Lists one folder: records its accepted regular files, and walks its sub-folders when {@code recursive}
         * (or hands their names to {@code deferred} to be walked on the pool).
         *
         * @return false when the folder could not be listed to the end (recorded as unreadable)
         */
        boolean folder(Folder folder, String relative, boolean recursive, List<String> deferred) {
            try {
                for (Path entry : folder) {
                    hasEntries = true;
                    Path name = entry.getFileName();
                    String entryRelative = relative.isEmpty() ? name.toString() : relative + '/' + name;
                    BasicFileAttributes attrs;
                    try {
                        attrs = folder.attributes(name);
                    } catch (IOException e) {
                        // vanished or unreadable since it was listed: looked at again by the next scan, not taken for gone
                        LOG.warnf("Could not read %s: %s", entryRelative, e.toString());
                        unreadable.add(entryRelative);
                        continue;
                    }
                    if (attrs.isDirectory()) {
                        if (!recursive || !filter.descendsInto(entryRelative)) {
                            continue;
                        }
                        if (deferred != null) {
                            deferred.add(name.toString());
                        } else {
                            subfolder(folder, name.toString(), entryRelative);
                        }
                    } else if (attrs.isRegularFile()) { // symbolic links, devices and sockets are never library files
                        file(entryRelative, attrs);
                    }
                }
                return true;
            } catch (DirectoryIteratorException e) {
                LOG.warnf("Could not list all of %s: %s", relative.isEmpty() ? "the root" : relative,
                        e.getCause().toString());
                unreadable.add(relative);
                return false;
            }
        }

        void subfolder(Folder parent, String name, String relative) {
            try (Folder sub = parent.subfolder(name)) {
                folder(sub, relative, true, null);
            } catch (IOException e) {
                // no permission, or replaced by a symbolic link since it was listed (never followed)
                hasEntries = true;
                LOG.warnf("Could not read %s: %s", relative, e.toString());
                unreadable.add(relative);
            }
        }

        private void file(String relative, BasicFileAttributes attrs) {
            if (!filter.accepts(relative)) {
                return;
            }
            FileLocation location;
            try {
                location = new FileLocation(rootName, relative);
            } catch (IllegalArgumentException e) {
                LOG.warnf("Skipping a file whose name cannot travel in an event: %s (%s)", relative, e.getMessage());
                return;
            }
            files.put(location, new FileStat(location, attrs.size(), attrs.lastModifiedTime().toInstant()));
        }
    }

    /**
     * An open folder. On Linux (and other systems with the *at system calls) the JDK gives a
     * {@link SecureDirectoryStream}: entries are stat'ed and sub-folders opened relative to the open folder, never by
     * a full path, which costs the kernel less per file and cannot be redirected by a symbolic link swapped into the
     * path meanwhile. Elsewhere, paths are resolved with links not followed.
     */
    private abstract static sealed class Folder implements Iterable<Path>, Closeable {

        static Folder open(Path path) throws IOException {
            DirectoryStream<Path> stream = Files.newDirectoryStream(path);
            return stream instanceof SecureDirectoryStream<Path> secure ? new Secure(secure) : new Plain(path, stream);
        }

        abstract BasicFileAttributes attributes(Path name) throws IOException;

        abstract Folder subfolder(String name) throws IOException;

        void closeQuietly() {
            try {
                close();
            } catch (IOException e) {
                LOG.debugf("Closing a folder failed: %s", e);
            }
        }

        private static final class Secure extends Folder {
            private final SecureDirectoryStream<Path> stream;

            Secure(SecureDirectoryStream<Path> stream) {
                this.stream = stream;
            }

            @Override
            public Iterator<Path> iterator() {
                return stream.iterator();
            }

            @Override
            BasicFileAttributes attributes(Path name) throws IOException {
                return stream.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .readAttributes();
            }

            @Override
            Folder subfolder(String name) throws IOException {
                return new Secure(stream.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS));
            }

            @Override
            public void close() throws IOException {
                stream.close();
            }
        }

        private static final class Plain extends Folder {
            private final Path path;
            private final DirectoryStream<Path> stream;

            Plain(Path path, DirectoryStream<Path> stream) {
                this.path = path;
                this.stream = stream;
            }

            @Override
            public Iterator<Path> iterator() {
                return stream.iterator();
            }

            @Override
            BasicFileAttributes attributes(Path name) throws IOException {
                return Files.readAttributes(path.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            }

            @Override
            Folder subfolder(String name) throws IOException {
                Path sub = path.resolve(name);
                if (!Files.isDirectory(sub, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException("No longer a folder (or now a symbolic link): " + sub);
                }
                return new Plain(sub, Files.newDirectoryStream(sub));
            }

            @Override
            public void close() throws IOException {
                stream.close();
            }
        }
    }
}
