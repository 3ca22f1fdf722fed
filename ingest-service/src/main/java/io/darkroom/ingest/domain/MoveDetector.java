package io.darkroom.ingest.domain;

import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileEvent;
import io.darkroom.events.FileLocation;
import io.darkroom.events.FileMoved;
import io.darkroom.events.FileRemoved;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one scan's gone paths and newly hashed files into events: content that left a path and appeared at a new
 * path is a {@link FileMoved}, so the item keeps its identity; the rest are {@link FileDiscovered} and, at the end
 * of a whole-root scan, {@link FileRemoved}. Content that appeared at a new path while its published path is still
 * on disk is a copy: a {@link FileDiscovered} of a duplicate.
 */
public final class MoveDetector {

    /**
     * Published paths that hold a content and are no longer on disk: move sources outside this scan's gone list (a
     * file that left another folder than the one scanned, or one whose removal an earlier scan held back).
     */
    @FunctionalInterface
    public interface VanishedSources {

        List<FileLocation> of(String contentHash, FileLocation destination);

        VanishedSources NONE = (hash, destination) -> List.of();
    }

    private final Map<String, Deque<Reconciliation.Gone>> goneByHash = new LinkedHashMap<>();
    private final VanishedSources vanished;
    private final Set<FileLocation> used = new HashSet<>();

    public MoveDetector(List<Reconciliation.Gone> gone) {
        this(gone, VanishedSources.NONE);
    }

    public MoveDetector(List<Reconciliation.Gone> gone, VanishedSources vanished) {
        for (Reconciliation.Gone g : gone) {
            goneByHash.computeIfAbsent(g.last().contentHash(), h -> new ArrayDeque<>()).add(g);
        }
        this.vanished = vanished;
    }

    /**
     * The event for a settled, hashed file. Only a path that was never published can be a move's destination: a
     * published path whose content changed is a new version of that file, not a move.
     */
    public FileEvent eventFor(HashedFile file, boolean pathWasPublished) {
        var stat = file.stat();
        Deque<Reconciliation.Gone> sources = goneByHash.get(file.contentHash());
        if (!pathWasPublished && sources != null && !sources.isEmpty()) {
            Reconciliation.Gone from = sources.poll();
            used.add(from.location());
            return FileMoved.of(from.location(), stat.location(), file.contentHash(), stat.sizeBytes(),
                    stat.modifiedAt());
        }
        if (!pathWasPublished) {
            for (FileLocation from : vanished.of(file.contentHash(), stat.location())) {
                if (!from.equals(stat.location()) && used.add(from)) {
                    return FileMoved.of(from, stat.location(), file.contentHash(), stat.sizeBytes(),
                            stat.modifiedAt());
                }
            }
        }
        return FileDiscovered.of(stat.location(), file.contentHash(), stat.sizeBytes(), stat.modifiedAt());
    }

    /**
     * Removals for the gone paths no new file took over. Call after every file of the scan went through. A gone file
     * whose size equals that of a file still settling is held back to the next scan: it may be that file, moved,
     * and removing it now would cost the item its identity (a removal plus a discovery instead of a move).
     *
     * @param sizesStillSettling sizes of the new or changed files that did not settle in this scan
     */
    public List<FileEvent> removals(Set<Long> sizesStillSettling) {
        List<FileEvent> removals = new ArrayList<>();
        goneByHash.values().forEach(q -> q.stream()
                .filter(g -> !used.contains(g.location()) && !sizesStillSettling.contains(g.last().sizeBytes()))
                .forEach(g -> removals.add(FileRemoved.of(g.location(), g.last().contentHash()))));
        removals.sort(java.util.Comparator.comparing(FileEvent::key));
        return removals;
    }
}
