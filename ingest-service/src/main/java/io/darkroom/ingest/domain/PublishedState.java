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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every path whose event the broker acknowledged, with what was published for it. One writer (the scan); readers
 * (the metrics gauge) may look at any time.
 */
public final class PublishedState {

    private final Map<FileLocation, PublishedFile> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> countByRoot = new ConcurrentHashMap<>();
    /**
     * Paths by content: how moves are told from copies, and how duplicates are recognised. The value is the one
     * {@link FileLocation} of a content, or a list of them for duplicates (lean: one entry per content). Written and
     * read by the scan thread only.
     */
    private final Map<String, Object> byHash = new java.util.HashMap<>();
    private final AtomicLong duplicates = new AtomicLong();

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

    /** The published paths that hold this content (more than one: duplicates). */
    public Set<FileLocation> locationsWithHash(String contentHash) {
        Object value = byHash.get(contentHash);
        if (value == null) {
            return Set.of();
        }
        return value instanceof FileLocation single ? Set.of(single) : Set.copyOf(locationList(value));
    }

    /** Published paths whose content is also published at another path: every copy but one per content. */
    public long duplicateCount() {
        return duplicates.get();
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
        PublishedFile previous = files.put(location, file);
        if (previous == null) {
            countByRoot.computeIfAbsent(location.root(), r -> new AtomicLong()).incrementAndGet();
        } else {
            unindex(location, previous.contentHash());
        }
        Object value = byHash.get(file.contentHash());
        if (value == null) {
            byHash.put(file.contentHash(), location);
        } else if (value instanceof FileLocation single) {
            if (!single.equals(location)) {
                byHash.put(file.contentHash(), new java.util.ArrayList<>(List.of(single, location)));
                duplicates.incrementAndGet();
            }
        } else if (!locationList(value).contains(location)) {
            locationList(value).add(location);
            duplicates.incrementAndGet();
        }
    }

    private void remove(FileLocation location) {
        PublishedFile previous = files.remove(location);
        if (previous != null) {
            countByRoot.get(location.root()).decrementAndGet();
            unindex(location, previous.contentHash());
        }
    }

    private void unindex(FileLocation location, String contentHash) {
        Object value = byHash.get(contentHash);
        if (value instanceof FileLocation single) {
            if (single.equals(location)) {
                byHash.remove(contentHash);
            }
        } else if (value != null && locationList(value).remove(location)) {
            duplicates.decrementAndGet();
            if (locationList(value).size() == 1) {
                byHash.put(contentHash, locationList(value).get(0));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<FileLocation> locationList(Object value) {
        return (List<FileLocation>) value;
    }
}
