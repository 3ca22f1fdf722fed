package io.darkroom.index.domain;

import io.darkroom.events.FailureKind;
import io.darkroom.events.ReindexRequested;

/**
 * A failure whose cause was that the file's library root was out of reach (unmounted, missing or empty), not the
 * file: index-service's and transcode-service's {@code LibraryRoots.outOfReachReason}, thumbnail-service's "stayed
 * unavailable". Such an item is read again by itself once its root is back ({@code OutOfReachRecovery}).
 *
 * <p>The marker is the reason's wording: TRANSIENT, and the reason starts with "The library root '<root>' ". The
 * reason is all that {@code ProcessingFailed} carries; {@code OutOfReachTest} holds platform's wording to it.
 */
public final class OutOfReach {

    /**
     * {@link ReindexRequested#requestedBy()} of the re-reads the recovery asks for. Such a command applies only while
     * the item still has this failure: a second one (another instance's, or one asked again while the first waited)
     * changes nothing, where an admin's re-index of a healthy item would redo its thumbnails and transcode.
     */
    public static final String REQUESTED_BY = "darkroom (root back)";

    private OutOfReach() {
    }

    /** How every such reason for {@code root} begins. */
    public static String reasonPrefix(String root) {
        return "The library root '" + root + "' ";
    }

    /** Whether a failure recorded on an item of {@code root} is its root's absence. */
    public static boolean isOutOfReach(String root, String failureKind, String failureReason) {
        return FailureKind.TRANSIENT.name().equals(failureKind) && failureReason != null
                && failureReason.startsWith(reasonPrefix(root));
    }

    /** Whether the command is the recovery's, which applies only to an item still out of reach. */
    public static boolean isRecovery(ReindexRequested command) {
        return REQUESTED_BY.equals(command.requestedBy());
    }
}
