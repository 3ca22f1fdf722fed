package io.darkroom.ingest.scan;

import io.darkroom.ingest.domain.PathFilter;
import io.darkroom.ingest.domain.ScanScope;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.jboss.logging.Logger;

/**
 * File-system watch events (inotify on Linux, through {@link WatchService}) for every folder of every root, turned
 * into folder scans: a created or modified file asks for a scan of its folder, a created folder (a copied or moved-in
 * tree) for a scan of that folder and everything under it, a lost event (overflow) for a scan of the whole root.
 * Deletions are left to the full scans, which alone confirm that a file is gone. Network mounts (CIFS, SSHFS,
 * WebDAV) accept the registration but never report other machines' changes: the periodic scan is the safety net.
 * Symbolic links and junk folders are never watched, like they are never scanned.
 */
public final class LibraryWatcher implements Closeable {

    private static final Logger LOG = Logger.getLogger(LibraryWatcher.class);

    private record Watched(String root, Path rootFolder, Path folder) {
    }

    private final Map<String, Path> roots;
    private final PathFilter filter;
    private final Consumer<ScanScope> onChange;
    private final LongConsumer watchedFolders;
    private final Map<WatchKey, Watched> keys = new ConcurrentHashMap<>();
    private WatchService service;
    private Thread thread;
    private volatile boolean limitReached;

    /**
     * @param roots          root name to folder
     * @param onChange       receives the scope to scan; called on the watch thread, so it must return quickly
     * @param watchedFolders told how many folders are watched
     */
    public LibraryWatcher(Map<String, Path> roots, PathFilter filter, Consumer<ScanScope> onChange,
            LongConsumer watchedFolders) {
        this.roots = roots;
        this.filter = filter;
        this.onChange = onChange;
        this.watchedFolders = watchedFolders;
    }

    /** Registers every folder (on the watch thread, as a large library takes a while) and starts reporting. */
    public void start() throws IOException {
        service = FileSystems.getDefault().newWatchService();
        thread = new Thread(this::run, "darkroom-watch");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        if (service != null) {
            service.close();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        long started = System.nanoTime();
        roots.forEach((name, folder) -> {
            try {
                Path real = folder.toRealPath();
                registerTree(name, real, real);
            } catch (IOException e) {
                LOG.warnf("Library root '%s' (%s) is not watched (%s); its changes are found by the periodic scan",
                        name, folder, e.toString());
            }
        });
        LOG.infof("Watching %d folders for changes (registered in %d ms)%s", keys.size(),
                (System.nanoTime() - started) / 1_000_000,
                limitReached ? "; the watch limit was reached, the rest is found by the periodic scan" : "");
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = service.take();
                Watched watched = keys.get(key);
                if (watched != null) {
                    handle(watched, key);
                }
                if (!key.reset()) {
                    keys.remove(key); // the folder is gone
                    watchedFolders.accept(keys.size());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // shutting down
        } catch (RuntimeException e) {
            LOG.errorf(e, "The file-system watch stopped; changes are found by the periodic scan only");
        }
    }

    private void handle(Watched watched, WatchKey key) {
        boolean folderChanged = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                onChange.accept(ScanScope.wholeRoot(watched.root()));
                continue;
            }
            Path name = (Path) event.context();
            if (PathFilter.isJunk(name.toString())) {
                continue;
            }
            Path child = watched.folder().resolve(name);
            String relative = relative(watched.rootFolder(), child);
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE
                    && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                if (filter.descendsInto(relative)) {
                    registerTree(watched.root(), watched.rootFolder(), child);
                    onChange.accept(new ScanScope(watched.root(), relative, true));
                }
            } else {
                folderChanged = true;
            }
        }
        if (folderChanged) {
            onChange.accept(new ScanScope(watched.root(), relative(watched.rootFolder(), watched.folder()), false));
        }
    }

    private void registerTree(String rootName, Path rootFolder, Path top) {
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(rootFolder) && !filter.descendsInto(relative(rootFolder, dir))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (limitReached) {
                        return FileVisitResult.TERMINATE;
                    }
                    try {
                        WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                                StandardWatchEventKinds.ENTRY_MODIFY);
                        keys.put(key, new Watched(rootName, rootFolder, dir));
                    } catch (IOException e) {
                        // inotify's max_user_watches, typically
                        limitReached = true;
                        LOG.warnf("Cannot watch %s (%s): folders not watched are covered by the periodic scan only;"
                                + " raise fs.inotify.max_user_watches to watch them all", dir, e.toString());
                        return FileVisitResult.TERMINATE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | ClosedWatchServiceException e) {
            LOG.debugf("Stopped registering %s: %s", top, e.toString());
        }
        watchedFolders.accept(keys.size());
    }

    private static String relative(Path rootFolder, Path path) {
        return rootFolder.relativize(path).toString().replace(java.io.File.separatorChar, '/');
    }
}
