package io.darkroom.index.domain;

import io.darkroom.events.FailureKind;
import io.darkroom.events.MediaKind;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether what was read from a file is a catalogue entry or a permanent failure, and whether an
 * exception is worth retrying.
 */
public final class FailureClassifier {

    static final String EMPTY_REASON = "The file is empty (0 bytes)";
    private static final int MAX_DETAIL = 200;

    private FailureClassifier() {
    }

    /** A permanent failure for this content, or empty when it can be catalogued. */
    public static Optional<Failure> classify(ContentFacts facts) {
        if (facts.sizeBytes() == 0) {
            return Optional.of(new Failure(FailureKind.EMPTY, EMPTY_REASON));
        }
        String type = facts.mimeType() == null ? null : MediaKinds.baseType(facts.mimeType());
        Optional<MediaKind> kind = MediaKinds.of(type);
        if (kind.isEmpty()) {
            if (type == null || type.equals("application/octet-stream")) {
                return Optional.of(new Failure(FailureKind.CORRUPT,
                        "The content is not a recognisable photo or video format"));
            }
            return Optional.of(new Failure(FailureKind.UNSUPPORTED,
                    "Not a photo or video: the content is " + type));
        }
        String what = kind.get() == MediaKind.VIDEO ? "video" : "image";
        if (facts.structureProblem() != null) {
            return Optional.of(new Failure(FailureKind.CORRUPT,
                    "The " + what + " is damaged (" + type + "): " + facts.structureProblem()));
        }
        if (facts.parseError() != null) {
            return Optional.of(new Failure(FailureKind.CORRUPT,
                    "The " + what + " cannot be read (" + type + "): " + shorten(facts.parseError())));
        }
        if (kind.get() != MediaKind.VIDEO && (facts.width() == null || facts.height() == null
                || facts.width() <= 0 || facts.height() <= 0)) {
            return Optional.of(new Failure(FailureKind.CORRUPT,
                    "The image is damaged (" + type + "): its dimensions cannot be read"));
        }
        return Optional.empty();
    }

    /** Reading the metadata ran past the hard limit. */
    public static Failure timedOut(Duration limit) {
        return new Failure(FailureKind.TOO_LARGE, "Reading the file's metadata took longer than "
                + limit.toSeconds() + " s; the file is too large or too complex");
    }

    /**
     * Whether an exception is worth retrying: infrastructure trouble (database, broker, a busy pool) is;
     * a malformed or unacceptable event ({@link IllegalArgumentException}, {@link InvalidEventException}) is not.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof InvalidEventException) {
                return false;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return true;
    }

    /**
     * Whether the failure is a dependency that cannot be reached (the database or broker down or restarting: a
     * refused, reset or closed connection), as opposed to one record's trouble: such a failure is waited out, not
     * counted against the record.
     */
    public static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.nio.channels.ClosedChannelException
                    || t instanceof java.net.SocketException
                    || t.getClass().getSimpleName().equals("ClosedConnectionException")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String shorten(String message) {
        String oneLine = message.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL - 1) + "…";
    }
}
