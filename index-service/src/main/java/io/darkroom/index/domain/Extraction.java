package io.darkroom.index.domain;

/** The outcome of reading one original. */
public sealed interface Extraction {

    /** Read: the catalog records these facts. */
    record Readable(MediaFacts facts) implements Extraction {
    }

    /** Read but unusable: the catalog records the failure. */
    record Unreadable(Failure failure) implements Extraction {
    }

    /** The file was gone before it could be read. */
    record Vanished() implements Extraction {
    }
}
