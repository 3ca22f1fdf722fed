package io.darkroom.transcode.bench;

import io.darkroom.transcode.domain.PlaybackPolicy;
import io.darkroom.transcode.domain.VideoProbe;
import io.darkroom.transcode.media.DurableFiles;
import io.darkroom.transcode.media.FfmpegTranscoder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One transcode-service worker without Kafka, for bench/transcode/run.sh: each file is probed, planned and
 * transcoded with libx264 exactly as TranscodeService does (CRF 23, veryfast, 1080p cap, durable rename), one after
 * the other. Usage: {@code TranscodeBench OUT_DIR FILE...}; prints one line per file and the total.
 */
public final class TranscodeBench {

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        FfmpegTranscoder ffmpeg = new FfmpegTranscoder(23, "veryfast");
        PlaybackPolicy policy = new PlaybackPolicy(1920, 25_000_000, false);
        long start = System.nanoTime();
        for (int i = 1; i < args.length; i++) {
            Path source = Path.of(args[i]);
            long began = System.nanoTime();
            VideoProbe probe = ffmpeg.probe(source);
            Path target = out.resolve(source.getFileName() + ".mp4");
            Path partial = DurableFiles.partialFor(target, "bench");
            ffmpeg.transcode(source, probe, partial, policy.plan(probe), FfmpegTranscoder.CPU_ENCODER,
                    FfmpegTranscoder.Progress.NONE);
            DurableFiles.publish(partial, target);
            System.out.printf("FILE %s %.2f s%n", source.getFileName(), (System.nanoTime() - began) / 1e9);
        }
        System.out.printf("TOTAL %d files %.2f s%n", args.length - 1, (System.nanoTime() - start) / 1e9);
    }
}
