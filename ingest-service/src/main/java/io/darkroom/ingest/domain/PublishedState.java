package io.darkroom.ingest.domain;

import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileEvent;
import io.darkroom.events.FileLocation;
import io.darkroom.events.FileMoved;
import io.darkroom.events.FileRemoved;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every path whose event the broker acknowledged, with what was published for it. One writer (the scan); readers
 * (the metrics gauge) may look at any time.
 */
public final class PublishedState {

    private final Map<FileLocation, PublishedFile> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> countByRoot = new ConcurrentHashMap<>();

    public static PublishedState of(Map<FileLocation, PublishedFile> files) {
        PublishedState state = new PublishedState();
        files.forEach(state::put);
        return state;
    }

    public Optional<PublishedFile> get(FileLocation location) {
        return Optional.ofNullable(files.get(location));
    }

    public boolean contains(FileLocation location) {
        return files.containsKey(location);
    }

    public Map<FileLocation, PublishedFile> files() {
        return java.util.Collections.unmodifiableMap(files);
    }

    public List<FileLocation> locationsUnder(String root) {
        return files.keySet().stream().filter(l -> l.root().equals(root)).toList();
    }

    public long countUnder(String root) {
        AtomicLong count = countByRoot.get(root);
        return count == null ? 0 : count.get();
    }

    public int size() {
        return files.size();
    }

    /** Files published under the roots not named in {@code unavailableRoots}: what the library has right now. */
    public long countExcluding(Collection<String> unavailableRoots) {
        return countByRoot.entrySet().stream()
                .filter(e -> !unavailableRoots.contains(e.getKey()))
                .mapToLong(e -> e.getValue().get())
                .sum();
    }

    /** Records an event the broker acknowledged. */
    public void apply(FileEvent event) {
        if (event instanceof FileDiscovered discovered) {
            put(discovered.location(),
                    new PublishedFile(discovered.sizeBytes(), discovered.modifiedAt(), discovered.contentHash()));
        } else if (event instanceof FileMoved moved) {
            remove(moved.from());
            put(moved.to(), new PublishedFile(moved.sizeBytes(), moved.modifiedAt(), moved.contentHash()));
        } else if (event instanceof FileRemoved removed) {
            remove(removed.location());
        }
    }

    private void put(FileLocation location, PublishedFile file) {
        if (files.put(location, file) == null) {
            countByRoot.computeIfAbsent(location.root(), r -> new AtomicLong()).incrementAndGet();
        }
    }

    private void remove(FileLocation location) {
        if (files.remove(location) != null) {
            countByRoot.get(location.root()).decrementAndGet();
        }
    }
}
