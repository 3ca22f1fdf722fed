package io.darkroom.index.domain;

/** The outcome of reading one original. */
public sealed interface Extraction {

    /** Read: the catalog records these facts. */
    record Readable(MediaFacts facts) implements Extraction {
    }

    /**
     * Read but unusable: the catalog records the failure, with what could still be learnt ({@code known}: type,
     * the metadata in front of a truncated image, the file-system date), or null when nothing is known.
     */
    record Unreadable(Failure failure, MediaFacts known) implements Extraction {

        public Unreadable(Failure failure) {
            this(failure, null);
        }
    }

    /** The file was gone before it could be read. */
    record Vanished() implements Extraction {
    }
}
