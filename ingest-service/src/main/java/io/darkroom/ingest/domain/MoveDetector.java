package io.darkroom.ingest.domain;

import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileEvent;
import io.darkroom.events.FileMoved;
import io.darkroom.events.FileRemoved;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one scan's gone paths and newly hashed files into events: content that left a path and appeared at a new
 * path in the same scan is a {@link FileMoved}, so the item keeps its identity; the rest are
 * {@link FileDiscovered} and, at the end, {@link FileRemoved}.
 */
public final class MoveDetector {

    private final Map<String, Deque<Reconciliation.Gone>> goneByHash = new LinkedHashMap<>();

    public MoveDetector(List<Reconciliation.Gone> gone) {
        for (Reconciliation.Gone g : gone) {
            goneByHash.computeIfAbsent(g.last().contentHash(), h -> new ArrayDeque<>()).add(g);
        }
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
            return FileMoved.of(from.location(), stat.location(), file.contentHash(), stat.sizeBytes(),
                    stat.modifiedAt());
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
                .filter(g -> !sizesStillSettling.contains(g.last().sizeBytes()))
                .forEach(g -> removals.add(FileRemoved.of(g.location(), g.last().contentHash()))));
        removals.sort(java.util.Comparator.comparing(FileEvent::key));
        return removals;
    }
}
