package io.darkroom.transcode;

import io.darkroom.events.DarkroomEvent;
import io.darkroom.events.FailureKind;
import io.darkroom.events.MediaIndexed;
import io.darkroom.events.MediaKind;
import io.darkroom.events.ProcessingFailed;
import io.darkroom.events.ProcessingStage;
import io.darkroom.events.TranscodeCompleted;
import io.darkroom.events.TranscodeOutcome;
import io.darkroom.events.TranscodeProgress;
import io.darkroom.platform.library.LibraryConfig;
import io.darkroom.platform.library.LibraryRoots;
import io.darkroom.platform.storage.StorageConfig;
import io.darkroom.platform.storage.StorageLayout;
import io.darkroom.transcode.domain.PlaybackPolicy;
import io.darkroom.transcode.domain.ProgressThrottle;
import io.darkroom.transcode.domain.TranscodeFailure;
import io.darkroom.transcode.domain.TranscodePlan;
import io.darkroom.transcode.domain.VideoProbe;
import io.darkroom.transcode.media.DurableFiles;
import io.darkroom.transcode.media.FfmpegTranscoder;
import io.darkroom.transcode.media.OutputClaim;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Makes one indexed video browser-playable: decides, transcodes into a hidden temporary file with the GPU encoder
 * (libx264 when there is none or it fails), syncs it to disk and renames it into place.
 */
@ApplicationScoped
public class TranscodeService {

    private static final Logger LOG = Logger.getLogger(TranscodeService.class);
    static final String OUTPUT_NAME = "video.mp4";
    /** A live transcode writes its partial file continuously; one untouched this long belongs to a dead instance. */
    private static final Duration STALE_PARTIAL = Duration.ofMinutes(10);
    /** Videos, and the motion half of a Live Photo when it is indexed as one item. */
    private static final Set<MediaKind> KINDS = Set.of(MediaKind.VIDEO, MediaKind.LIVE_PHOTO);

    private final LibraryRoots roots;
    private final StorageLayout storage;
    private final PlaybackPolicy policy;
    private final FfmpegTranscoder ffmpeg;
    private final Encoders encoders;
    private final TranscodeConfig config;
    private final MeterRegistry metrics;
    private final String instance = ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());

    TranscodeService(LibraryConfig library, StorageConfig storage, TranscodeConfig config, Encoders encoders,
            MeterRegistry metrics) {
        this.roots = LibraryRoots.from(library);
        this.storage = StorageLayout.from(storage);
        this.policy = new PlaybackPolicy(config.maxEdge(), config.maxBitrate(), config.allowHevc());
        this.ffmpeg = new FfmpegTranscoder(config.crf(), config.preset());
        this.encoders = encoders;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * The event to publish, or empty when the item is not a video or its original vanished. {@code progress}
     * receives a report at most every {@code progress-interval} while a transcode runs.
     */
    public Optional<DarkroomEvent> process(MediaIndexed item, Consumer<TranscodeProgress> progress)
            throws IOException {
        if (!KINDS.contains(item.kind())) {
            return Optional.empty();
        }
        try {
            Path original = roots.resolveForReading(item.location());
            VideoProbe probe = ffmpeg.probe(original);
            if (policy.playsAsIs(probe)) {
                metrics.counter("darkroom_transcode_items_completed", "outcome", "original_playable").increment();
                return Optional.of(TranscodeCompleted.of(item.contentHash(), TranscodeOutcome.ORIGINAL_PLAYABLE, null,
                        probe.videoCodec(), probe.audioCodec(), Files.size(original), probe.durationMillis()));
            }
            Path target = storage.file(item.contentHash(), OUTPUT_NAME);
            transcodeOnce(item.contentHash(), original, probe, target, progress, item.redoRequested());
            VideoProbe output = ffmpeg.probe(target);
            metrics.counter("darkroom_transcode_items_completed", "outcome", "transcoded").increment();
            return Optional.of(TranscodeCompleted.of(item.contentHash(), TranscodeOutcome.TRANSCODED,
                    storage.relativePath(item.contentHash(), OUTPUT_NAME), output.videoCodec(), output.audioCodec(),
                    Files.size(target), output.durationMillis()));
        } catch (TranscodeFailure failure) {
            LOG.warnf("No playable version of %s: %s", item.location(), failure.getMessage());
            metrics.counter("darkroom_transcode_items_failed", "kind", failure.kind().name()).increment();
            return Optional.of(ProcessingFailed.of(item.contentHash(), item.location(), ProcessingStage.TRANSCODE,
                    failure.kind(), failure.getMessage()));
        } catch (NoSuchFileException gone) {
            if (roots.isUnavailable(item.location().root())) {
                // not removed but out of reach: skipping it would leave its transcode PENDING for good
                LOG.warnf("Cannot transcode %s: its library root is out of reach", item.location());
                return Optional.of(ProcessingFailed.of(item.contentHash(), item.location(), ProcessingStage.TRANSCODE,
                        FailureKind.TRANSIENT, LibraryRoots.outOfReachReason(item.location().root())));
            }
            LOG.infof("Skipping %s: the original is gone", item.location());
            return Optional.empty();
        }
    }

    /**
     * Transcodes under the output's claim, unless another instance finishes it meanwhile (then its output is
     * used: one transcode per video, even when a rebalance hands the record to two instances). A requested redo
     * ({@code replace}: an admin's re-index) transcodes even when the output exists, and replaces it atomically once
     * the new one is complete; the old one plays meanwhile.
     */
    private void transcodeOnce(String hash, Path original, VideoProbe probe, Path target,
            Consumer<TranscodeProgress> progress, boolean replace) throws IOException, TranscodeFailure {
        Files.createDirectories(target.getParent());
        long deadline = System.nanoTime() + config.timeout().toNanos();
        while (replace || !Files.exists(target)) {
            Optional<OutputClaim> claim = OutputClaim.tryAcquire(target, instance, config.claimTimeout());
            if (claim.isPresent()) {
                try (OutputClaim held = claim.get()) {
                    if (replace || !Files.exists(target)) {
                        transcodeInto(hash, original, probe, target, progress);
                    }
                }
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TranscodeFailure(FailureKind.TOO_LARGE, "Another instance held the transcode for longer than "
                        + config.timeout(), null);
            }
            pause();
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while another instance transcodes");
        }
    }

    /** FFmpeg writes a hidden temporary file; only a finished, synced transcode gets the real name. */
    private void transcodeInto(String hash, Path original, VideoProbe probe, Path target,
            Consumer<TranscodeProgress> progress) throws IOException, TranscodeFailure {
        DurableFiles.deleteStalePartials(target, STALE_PARTIAL);
        Path temporary = DurableFiles.partialFor(target, instance);
        TranscodePlan plan = policy.plan(probe);
        List<String> chain = encoders.forFile();
        try {
            for (int i = 0; i < chain.size(); i++) {
                String encoder = chain.get(i);
                try {
                    Timer.Sample sample = Timer.start(metrics);
                    ffmpeg.transcode(original, probe, temporary, plan, encoder, reporter(hash, probe, progress));
                    sample.stop(metrics.timer("darkroom_transcode_seconds", "encoder", encoder));
                    DurableFiles.publish(temporary, target);
                    return;
                } catch (FfmpegTranscoder.EncoderFailed failed) {
                    Files.deleteIfExists(temporary);
                    if (i == chain.size() - 1) {
                        throw new TranscodeFailure(FailureKind.UNSUPPORTED, failed.getMessage(), failed);
                    }
                    LOG.warnf("%s; redoing %s with %s", failed.getMessage(), original, chain.get(i + 1));
                    metrics.counter("darkroom_transcode_gpu_fallbacks", "encoder", encoder).increment();
                }
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private FfmpegTranscoder.Progress reporter(String hash, VideoProbe probe, Consumer<TranscodeProgress> progress) {
        ProgressThrottle throttle = new ProgressThrottle(config.progressInterval());
        long started = System.nanoTime();
        long deadline = started + config.timeout().toNanos();
        Counter encoded = metrics.counter("darkroom_transcode_frames"); // its rate is the node's fps (Grafana)
        return (timestampMicros, frames) -> {
            encoded.increment();
            long now = System.nanoTime();
            if (now - deadline > 0) {
                throw new TranscodeFailure(FailureKind.TOO_LARGE, "The transcode took longer than " + config.timeout()
                        + " and was abandoned", null);
            }
            if (throttle.due(now)) {
                double seconds = Math.max(1e-3, (now - started) / 1e9);
                progress.accept(TranscodeProgress.of(hash, ProgressThrottle.percent(timestampMicros,
                        probe.durationMillis()), frames / seconds));
            }
        };
    }
}
