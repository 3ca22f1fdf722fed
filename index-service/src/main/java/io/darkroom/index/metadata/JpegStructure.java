package io.darkroom.index.metadata;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A streaming walk over a JPEG's markers: segments are skipped by their length (so an embedded EXIF
 * thumbnail's end marker does not count); a file whose last two bytes are the end-of-image marker is whole,
 * otherwise the compressed data is scanned for that marker, so bytes after it (a motion photo's video) are fine.
 * Bytes where a marker belongs (a segment whose length is off) are skipped up to the next marker, as libjpeg does
 * ("extraneous bytes before marker"): decoders show such a photo, so it is not called broken here.
 * Reads the headers (and, for the unusual file, the rest once), in constant memory.
 */
final class JpegStructure {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;

    private JpegStructure() {
    }

    /** A description of the defect, or empty when the JPEG is whole. */
    static Optional<String> problem(Path file) throws IOException {
        // A small buffer: only the headers are walked here (segments are skipped by seeking), and a 64 KiB one,
        // allocated and zeroed for every file, cost more than the walk itself.
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 13)) {
            if (in.read() != 0xFF || in.read() != SOI) {
                return Optional.of("it does not start with a JPEG start-of-image marker");
            }
            while (true) {
                int marker = nextMarker(in);
                if (marker == EOI) {
                    return Optional.of("the image ends before its first scan");
                }
                if (marker == SOI || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                    continue; // markers without a length
                }
                int length = (readByte(in) << 8) | readByte(in);
                if (length < 2) {
                    return Optional.of("a segment has an invalid length");
                }
                skip(in, length - 2);
                if (marker == SOS) {
                    return endsWithEndOfImage(file) ? Optional.empty() : scanToEnd(in);
                }
            }
        } catch (EOFException e) {
            return Optional.of("the file is truncated: its end-of-image marker is missing");
        }
    }

    /** The common case, without reading the compressed data: the file's last two bytes are the end marker. */
    private static boolean endsWithEndOfImage(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 4) {
                return false;
            }
            ByteBuffer tail = ByteBuffer.allocate(2);
            channel.read(tail, size - 2);
            return tail.get(0) == (byte) 0xFF && tail.get(1) == (byte) EOI;
        }
    }

    /** The first end marker after the scan's start, read in blocks (a byte at a time was most of a read's time). */
    private static Optional<String> scanToEnd(InputStream in) throws IOException {
        byte[] block = new byte[1 << 16];
        boolean afterFF = false;
        for (int n = in.read(block); n >= 0; n = in.read(block)) {
            for (int i = 0; i < n; i++) {
                if (afterFF && block[i] == (byte) EOI) {
                    return Optional.empty();
                }
                afterFF = block[i] == (byte) 0xFF;
            }
        }
        throw new EOFException();
    }

    /** The next marker code, skipping any bytes before it (libjpeg's next_marker; FF 00 is not a marker). */
    private static int nextMarker(InputStream in) throws IOException {
        while (true) {
            int b = readByte(in);
            while (b != 0xFF) {
                b = readByte(in);
            }
            while (b == 0xFF) {
                b = readByte(in);
            }
            if (b != 0) {
                return b;
            }
        }
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    private static void skip(InputStream in, long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                readByte(in);
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
