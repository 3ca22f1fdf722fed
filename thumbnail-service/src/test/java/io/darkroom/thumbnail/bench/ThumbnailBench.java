package io.darkroom.thumbnail.bench;

import io.darkroom.events.MediaKind;
import io.darkroom.thumbnail.domain.ThumbnailSize;
import io.darkroom.thumbnail.media.MediaDecoder;
import io.darkroom.thumbnail.media.OpenCvThumbnailer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Throughput of the service's thumbnail path (read, one reduced decode, the five standard sizes, JPEG q85,
 * files written) over a folder of JPEGs, on {@code threads} workers. Not a test: run by
 * {@code bench/thumbnail/run.sh}, which runs vipsthumbnail on the same files in the same session.
 *
 * <p>Usage: {@code ThumbnailBench <folder> <threads> <timed passes> <output folder>}; prints one line per pass
 * and a median.
 */
public final class ThumbnailBench {

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int passes = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        Files.createDirectories(out);
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        OpenCvThumbnailer thumbnailer = new OpenCvThumbnailer(85,
                new MediaDecoder.Limits(200_000_000, 50_000_000, 200L << 20));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        double[] rates = new double[passes];
        try {
            pass(files, thumbnailer, pool, out); // warm-up: class loading, JIT, native libraries
            for (int p = 0; p < passes; p++) {
                long started = System.nanoTime();
                pass(files, thumbnailer, pool, out);
                double seconds = (System.nanoTime() - started) / 1e9;
                rates[p] = files.size() / seconds;
                System.out.printf("pass %d: %d images in %.3f s = %.2f images/s%n", p + 1, files.size(), seconds, rates[p]);
            }
        } finally {
            pool.shutdown();
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        System.out.printf("RESULT threads=%d images=%d median=%.2f min=%.2f max=%.2f images/s%n", threads, files.size(),
                sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }

    private static void pass(List<Path> files, OpenCvThumbnailer thumbnailer, ExecutorService pool, Path out)
            throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (Path file : files) {
            running.add(pool.submit(() -> {
                String stem = file.getFileName().toString().replace(".jpg", "");
                for (OpenCvThumbnailer.Encoded size
                        : thumbnailer.render(file, MediaKind.IMAGE, null, ThumbnailSize.STANDARD)) {
                    Files.write(out.resolve(stem + "_" + size.size().name() + ".jpg"), size.jpeg());
                }
                return null;
            }));
        }
        for (Future<?> task : running) {
            task.get();
        }
    }
}
