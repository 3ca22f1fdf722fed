package io.darkroom.gateway.domain;

import java.util.Optional;

/**
 * The one byte range of an HTTP {@code Range} header ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}) against
 * a file of {@code size} bytes. Anything we do not serve as a range (several ranges, other units, garbage) is
 * empty: the whole file is answered, as RFC 9110 allows. A range that starts past the end is unsatisfiable (416).
 */
public record ByteRange(long first, long last) {

    public long length() {
        return last - first + 1;
    }

    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0 || header.length() > 100) {
            return Optional.empty();
        }
        String spec = header.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            String from = spec.substring(0, dash).strip();
            String to = spec.substring(dash + 1).strip();
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix <= 0 || size == 0) {
                    throw new UnsatisfiableRangeException();
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(from);
            Long requestedLast = to.isEmpty() ? null : Long.parseLong(to);
            if (first < 0 || requestedLast != null && requestedLast < first) {
                return Optional.empty(); // not a valid range: ignored
            }
            if (first >= size) {
                throw new UnsatisfiableRangeException();
            }
            return Optional.of(new ByteRange(first, requestedLast == null ? size - 1 : Math.min(requestedLast, size - 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The range starts at or after the end of the file: answered 416 with the file's size. */
    public static final class UnsatisfiableRangeException extends RuntimeException {
        public UnsatisfiableRangeException() {
            super("The requested range is outside the file.", null, false, false);
        }
    }
}
