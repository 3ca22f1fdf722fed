package io.darkroom.thumbnail.domain;

/**
 * How many items are decoded at once: one per core (decoding is CPU-bound and OpenCV runs single-threaded), but no
 * more than the memory budget holds at each decode's worst case ({@code max-decoded-pixels} of 16-bit RGBA, 8 bytes a
 * pixel: 400 MB at the default 50 MP), and at least one.
 */
public final class WorkerCount {

    /** Bytes a decoded pixel may take at most: 16-bit RGBA. */
    public static final int WORST_BYTES_PER_PIXEL = 8;

    private WorkerCount() {
    }

    public static int of(int cores, long memoryBudgetBytes, long maxDecodedPixels) {
        long worstPerWorker = Math.max(1, maxDecodedPixels) * WORST_BYTES_PER_PIXEL;
        long fitting = memoryBudgetBytes / worstPerWorker;
        return (int) Math.max(1, Math.min(cores, fitting));
    }

    /** The default budget: half the memory of the machine or container, the rest left to the JVM and the OS. */
    public static long defaultMemoryBudget(long totalMemoryBytes) {
        return totalMemoryBytes / 2;
    }
}
