package io.darkroom.ingest.domain;

import io.darkroom.events.FileLocation;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Holds back files that may still be being written: a new or changed file is settled once its size and
 * modification time were the same in two observations at least the settle time apart.
 */
public final class Settler {

    private record Observation(long sizeBytes, Instant modifiedAt, Instant firstSeenAt) {
    }

    private final Duration settleTime;
    private final Map<FileLocation, Observation> pending = new HashMap<>();

    public Settler(Duration settleTime) {
        if (settleTime.isNegative()) {
            throw new IllegalArgumentException("The settle time must not be negative: " + settleTime);
        }
        this.settleTime = settleTime;
    }

    /** Records an observation at {@code now}; true when the file has settled and may be hashed. */
    public boolean observe(FileStat stat, Instant now) {
        Observation previous = pending.get(stat.location());
        if (previous != null && stat.sameSizeAndTime(previous.sizeBytes(), previous.modifiedAt())) {
            return !now.isBefore(previous.firstSeenAt().plus(settleTime));
        }
        pending.put(stat.location(), new Observation(stat.sizeBytes(), stat.modifiedAt(), now));
        return false;
    }

    /** When the file observed so far can settle at the earliest, if it is pending. */
    public Optional<Instant> settlesAt(FileLocation location) {
        return Optional.ofNullable(pending.get(location)).map(o -> o.firstSeenAt().plus(settleTime));
    }

    /** Forgets a file once it was published, or when it disappeared. */
    public void forget(FileLocation location) {
        pending.remove(location);
    }

    /** Drops pending files that a full scan no longer saw. */
    public void retainOnly(Set<FileLocation> seen) {
        pending.keySet().retainAll(seen);
    }

    /** Drops pending files in {@code scope} that a scan of that scope no longer saw. */
    public void retainOnly(ScanScope scope, Set<FileLocation> seen) {
        pending.keySet().removeIf(location -> scope.contains(location) && !seen.contains(location));
    }

    /** The pending files whose settle time has passed at {@code now}: to be looked at again. */
    public List<FileLocation> dueBy(Instant now) {
        return pending.entrySet().stream()
                .filter(e -> !now.isBefore(e.getValue().firstSeenAt().plus(settleTime)))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** When the earliest pending file can settle; empty when nothing is pending. */
    public Optional<Instant> nextDue() {
        return pending.values().stream().map(o -> o.firstSeenAt().plus(settleTime)).min(Instant::compareTo);
    }

    /** Sizes of the files still settling. */
    public Set<Long> pendingSizes() {
        return pending.values().stream().map(Observation::sizeBytes).collect(java.util.stream.Collectors.toSet());
    }

    public int pendingCount() {
        return pending.size();
    }
}
