package io.darkroom.transcode;

import io.darkroom.events.DarkroomEvent;
import io.darkroom.events.MediaIndexed;
import io.darkroom.events.MediaKind;
import io.darkroom.events.ProcessingFailed;
import io.darkroom.events.ProcessingStage;
import io.darkroom.events.TranscodeCompleted;
import io.darkroom.events.TranscodeOutcome;
import io.darkroom.platform.library.LibraryConfig;
import io.darkroom.platform.library.LibraryRoots;
import io.darkroom.platform.storage.StorageConfig;
import io.darkroom.platform.storage.StorageLayout;
import io.darkroom.transcode.domain.PlaybackPolicy;
import io.darkroom.transcode.domain.TranscodeFailure;
import io.darkroom.transcode.domain.VideoProbe;
import io.darkroom.transcode.media.FfmpegTranscoder;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Makes one indexed video browser-playable: decides, transcodes into a temporary file, renames it into place. */
@ApplicationScoped
public class TranscodeService {

    private static final Logger LOG = Logger.getLogger(TranscodeService.class);
    static final String OUTPUT_NAME = "video.mp4";

    private final LibraryRoots roots;
    private final StorageLayout storage;
    private final PlaybackPolicy policy;
    private final FfmpegTranscoder ffmpeg;
    private final MeterRegistry metrics;

    TranscodeService(LibraryConfig library, StorageConfig storage, TranscodeConfig config, MeterRegistry metrics) {
        this.roots = LibraryRoots.from(library);
        this.storage = StorageLayout.from(storage);
        this.policy = new PlaybackPolicy(config.maxEdge(), config.maxBitrate(), config.allowHevc());
        this.ffmpeg = new FfmpegTranscoder(config.crf(), config.preset());
        this.metrics = metrics;
    }

    /** The event to publish, or empty when the item is not a video or its original vanished. */
    public Optional<DarkroomEvent> process(MediaIndexed item) throws IOException {
        if (item.kind() != MediaKind.VIDEO) {
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
            if (!Files.exists(target)) {
                transcodeInto(original, target);
            }
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
            LOG.infof("Skipping %s: the original is gone", item.location());
            return Optional.empty();
        }
    }

    /** FFmpeg writes a hidden temporary file; only a finished transcode gets the real name. */
    private void transcodeInto(Path original, Path target) throws IOException, TranscodeFailure {
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
                + ".partial.mp4");
        try {
            ffmpeg.transcode(original, temporary, policy);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
