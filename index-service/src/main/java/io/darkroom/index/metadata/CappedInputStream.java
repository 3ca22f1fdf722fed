package io.darkroom.index.metadata;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * Lets a parser read at most {@code limit} bytes; skipping (how metadata readers pass over image and movie
 * data) is free. A parser that wants more gets {@link LimitExceeded}: reading the file's metadata would cost
 * more than the cap allows.
 */
final class CappedInputStream extends FilterInputStream {

    /** The parser wanted to read more than the cap. */
    static final class LimitExceeded extends IOException {
        final long limit;

        LimitExceeded(long limit) {
            super("read more than " + limit + " bytes");
            this.limit = limit;
        }
    }

    private final long limit;
    private long read;

    CappedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws IOException {
        read += n;
        if (read > limit) {
            throw new LimitExceeded(limit);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("the extraction was cancelled"); // timed out: stop reading
        }
    }
}
