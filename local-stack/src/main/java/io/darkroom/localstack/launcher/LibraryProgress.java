package io.darkroom.localstack.launcher;

/** The counts of the launcher's progress line; null where a service or metric did not answer. */
public record LibraryProgress(Long filesKnown, Long items, Long indexed, Long thumbnailsDone, Long transcodesDone,
        Long failed, Long missing) {

    public String line() {
        return "files " + show(filesKnown) + " | indexed " + show(indexed) + " | thumbnailed " + show(thumbnailsDone)
                + " | transcoded " + show(transcodesDone) + " | failed " + show(failed);
    }

    private static String show(Long count) {
        return count == null ? "?" : count.toString();
    }
}
