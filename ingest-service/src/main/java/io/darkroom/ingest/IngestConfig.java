package io.darkroom.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * ingest-service's business settings. The library roots themselves come from the shared
 * {@link io.darkroom.platform.library.LibraryConfig} ({@code darkroom.library.roots.<name>=<folder>}).
 */
@ConfigMapping(prefix = "darkroom.ingest")
public interface IngestConfig {

    /** Pause between the end of one reconciliation scan and the start of the next; the first scan runs at start-up. */
    @WithDefault("30s")
    Duration scanInterval();

    /**
     * How long a new or changed file's size and modification time must stay the same (two observations at least
     * this far apart) before it is hashed and published, so half-copied files are never published.
     */
    @WithDefault("5s")
    Duration settleTime();

    /** Folder of the published-files snapshot that lets a restart publish only what changed meanwhile. */
    @WithDefault("./darkroom-data/ingest")
    Path statePath();

    /**
     * Globs on the path relative to its root (forward slashes) that a file must match to be published. {@code **}
     * matches across folders; note that {@code **}{@code /*.jpg} does not match a top-level {@code a.jpg}.
     */
    @WithDefault("**")
    List<String> include();

    /**
     * Globs on the relative path of files and folders to leave out, e.g. {@code **}{@code /*.xmp}. Hidden and
     * well-known junk files ({@code @eaDir}, {@code Thumbs.db}, {@code *.part}, ...) are always left out.
     */
    Optional<List<String>> exclude();

    /**
     * How many folders a full scan walks side by side (stat calls only). More than the cores helps on a network
     * mount, where each stat waits for the server; 1 walks everything on the scan thread.
     */
    @WithDefault("4")
    int walkThreads();

    /**
     * How many files are hashed side by side. SHA-256 is CPU-bound on a local disk (one thread per core keeps up with
     * the disk) and latency-bound on a network mount; empty means one per available core. Events are still published
     * in the order the scan found the files.
     */
    Optional<Integer> hashThreads();

    /**
     * Whether to watch the roots' folders for changes (inotify on a local disk), so that a new file is published
     * moments after it settled instead of at the next scan. Network mounts (CIFS, SSHFS, WebDAV) report no changes
     * made elsewhere; the periodic scan finds those.
     */
    @WithDefault("true")
    boolean watch();

    /** How long to wait for the broker to acknowledge a batch of events; unacknowledged ones are sent again next scan. */
    @WithDefault("60s")
    Duration publishTimeout();
}
