package io.darkroom.ingest.domain;

import io.darkroom.events.FileLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares what a scan saw with what was published: which files are new or changed, which are gone, and which
 * roots must not be trusted this time.
 */
public final class Reconciliation {

    private Reconciliation() {
    }

    /** A published path the scan did not find, with what was last published for it. */
    public record Gone(FileLocation location, PublishedFile last) {
    }

    /**
     * @param changed          new files and files whose size or modification time differ from what was published
     * @param gone             published files in the scanned scope that the scan did not find, in path order
     * @param unchanged        how many files matched what was published (stat only, never read)
     * @param unavailableRoots roots whose removals are held back: missing, unreadable, or empty while files are known
     */
    public record Diff(List<FileStat> changed, List<Gone> gone, long unchanged, Set<String> unavailableRoots) {
    }

    /**
     * The unmounted-root rule: a root folder that is missing or unreadable, or that has no entry at all while files
     * are known under it, is unavailable (an unmounted Storage Box looks exactly like that) and none of its files
     * is taken for gone. Files under a subfolder that could not be read are not taken for gone either.
     */
    public static Diff diff(PublishedState state, List<RootScan> scans) {
        List<FileStat> changed = new ArrayList<>();
        List<Gone> gone = new ArrayList<>();
        Set<String> unavailable = new TreeSet<>();
        long unchanged = 0;
        for (RootScan scan : scans) {
            if (isUnavailable(scan, state.countUnder(scan.root()))) {
                unavailable.add(scan.root());
                continue;
            }
            long matchedPublished = 0;
            for (FileStat stat : scan.files().values()) {
                Optional<PublishedFile> published = state.get(stat.location());
                if (published.isPresent()) {
                    matchedPublished++;
                }
                if (published.isPresent() && published.get().matches(stat)) {
                    unchanged++;
                } else {
                    changed.add(stat);
                }
            }
            ScanScope scope = scan.scope();
            if (scope.isWholeRoot() && matchedPublished == state.countUnder(scan.root())) {
                continue; // every published file of the root was seen: nothing is gone, no need to look for it
            }
            Map<FileLocation, FileStat> seen = scan.files();
            state.locationsUnder(scan.root()).stream()
                    .filter(location -> scope.contains(location) && !seen.containsKey(location)
                            && !scan.couldNotRead(location))
                    .sorted(java.util.Comparator.comparing(FileLocation::relativePath))
                    .forEach(location -> gone.add(new Gone(location, state.get(location).orElseThrow())));
        }
        changed.sort(java.util.Comparator.comparing((FileStat s) -> s.location().key()));
        return new Diff(changed, gone, unchanged, unavailable);
    }

    static boolean isUnavailable(RootScan scan, long knownFiles) {
        return scan.availability() != RootScan.Availability.AVAILABLE || (!scan.hasEntries() && knownFiles > 0);
    }
}
