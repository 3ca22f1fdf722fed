package io.darkroom.transcode;

import static io.darkroom.transcode.media.VideoFixtures.clip;
import static io.darkroom.transcode.media.VideoFixtures.h264Aac;
import static io.darkroom.transcode.media.VideoFixtures.hevcAac;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.darkroom.events.DarkroomEvent;
import io.darkroom.events.FailureKind;
import io.darkroom.events.FileLocation;
import io.darkroom.events.MediaIndexed;
import io.darkroom.events.MediaKind;
import io.darkroom.events.ProcessingFailed;
import io.darkroom.events.ProcessingStage;
import io.darkroom.events.TranscodeCompleted;
import io.darkroom.events.TranscodeOutcome;
import io.darkroom.events.TranscodeProgress;
import io.darkroom.platform.storage.ContentHash;
import io.darkroom.transcode.domain.VideoProbe;
import io.darkroom.transcode.media.FfmpegTranscoder;
import io.darkroom.transcode.media.Mp4Boxes;
import io.darkroom.transcode.media.VideoFixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole decision and transcode of one item, on clips the test writes, checked by probing the output. */
class TranscodeServiceTest {

    @TempDir
    Path library;

    @TempDir
    Path storage;

    private final FfmpegTranscoder prober = new FfmpegTranscoder(23, "veryfast");

    @Test
    void anH264AacMp4IsServedAsItIsAndNothingIsWritten() throws Exception {
        Path clip = VideoFixtures.write(library.resolve("iphone.mp4"), h264Aac());

        TranscodeCompleted done = completed(TestConfigs.defaults(), clip);

        assertThat(done.outcome()).isEqualTo(TranscodeOutcome.ORIGINAL_PLAYABLE);
        assertThat(done.storagePath()).isNull();
        assertThat(done.videoCodec()).isEqualTo("h264");
        assertThat(done.audioCodec()).isEqualTo("aac");
        assertThat(derivedFiles()).isEmpty();
    }

    @Test
    void hevcBecomesH264HighAndAacInAFaststartMp4() throws Exception {
        Path clip = VideoFixtures.write(library.resolve("hevc.mp4"), hevcAac());

        TranscodeCompleted done = completed(TestConfigs.defaults(), clip);

        assertThat(done.outcome()).isEqualTo(TranscodeOutcome.TRANSCODED);
        Path output = storage.resolve(done.storagePath());
        VideoProbe probe = prober.probe(output);
        assertThat(probe.videoCodec()).isEqualTo("h264");
        assertThat(probe.profile()).isEqualTo("High");
        assertThat(probe.pixelFormat()).isEqualTo("yuv420p");
        assertThat(probe.audioCodec()).isEqualTo("aac");
        assertThat(probe.width()).isEqualTo(320);
        assertThat(probe.height()).isEqualTo(240);
        assertThat(probe.durationMillis()).isBetween(900L, 1200L);
        assertThat(Mp4Boxes.topLevel(output)).as("moov before mdat (faststart)").containsSubsequence("moov", "mdat");
        assertThat(done.sizeBytes()).isEqualTo(Files.size(output));
        assertThat(derivedFiles()).as("no partial file left").containsExactly(output);
    }

    @Test
    void anOddSizedMjpegVideoGetsEvenSides() throws Exception {
        // JavaCV's recorder rounds an odd width up, so the fixture's odd side is its height (the policy's
        // rounding of both sides is unit-tested in PlaybackPolicyTest).
        Path clip = VideoFixtures.write(library.resolve("odd.avi"), clip().format("avi", "mjpeg").size(854, 481)
                .frames(5));
        assertThat(prober.probe(clip).height()).as("the fixture is odd-sized").isEqualTo(481);

        VideoProbe probe = prober.probe(storage.resolve(completed(TestConfigs.defaults(), clip).storagePath()));

        assertThat(probe.width()).isEqualTo(854);
        assertThat(probe.height()).isEqualTo(480);
    }

    @Test
    void aVideoOverTheMaximumIsScaledDownTo1080p() throws Exception {
        Path clip = VideoFixtures.write(library.resolve("big.avi"), clip().size(2560, 1440).frames(3));

        VideoProbe probe = prober.probe(storage.resolve(completed(TestConfigs.defaults(), clip).storagePath()));

        assertThat(probe.width()).isEqualTo(1920);
        assertThat(probe.height()).isEqualTo(1080);
    }

    @Test
    void coloursSurviveAtSizesWhoseLinesArePadded() throws Exception {
        // 330 and 854 px wide frames have padded line sizes in FFmpeg: chroma read as packed planes goes wrong.
        List<Path> clips = List.of(
                VideoFixtures.write(library.resolve("as-is.avi"), clip().size(330, 250).frames(3)),
                VideoFixtures.write(library.resolve("mjpeg.avi"), clip().format("avi", "mjpeg").size(854, 481).frames(3)),
                VideoFixtures.write(library.resolve("scaled.avi"), clip().size(2560, 1440).frames(3)));

        for (Path clip : clips) {
            double[] before = Mp4Boxes.meanBgrOfFirstFrame(clip);
            double[] after = Mp4Boxes.meanBgrOfFirstFrame(storage.resolve(completed(TestConfigs.defaults(), clip)
                    .storagePath()));
            for (int channel = 0; channel < 3; channel++) {
                assertThat(after[channel]).as("%s channel %d", clip.getFileName(), channel)
                        .isCloseTo(before[channel], within(3.0));
            }
        }
    }

    @Test
    void aRotatedVideoKeepsItsRotation() throws Exception {
        Path clip = VideoFixtures.write(library.resolve("portrait.mov"), clip().format("mov", "mpeg4").rotated(90));
        assertThat(prober.probe(clip).rotation()).as("the fixture is rotated").isEqualTo(90.0);

        VideoProbe probe = prober.probe(storage.resolve(completed(TestConfigs.defaults(), clip).storagePath()));

        assertThat(probe.rotation()).isEqualTo(90.0);
        assertThat(probe.width()).as("stored landscape, shown portrait").isEqualTo(320);
    }

    @Test
    void aSilentVideoStaysSilentAndAVideoWithAudioGetsAac() throws Exception {
        Path silent = VideoFixtures.write(library.resolve("silent.avi"), clip());
        Path mp2 = VideoFixtures.write(library.resolve("mp2.avi"), clip().withAudio(VideoFixtures.MP2));

        TranscodeCompleted silentDone = completed(TestConfigs.defaults(), silent);
        TranscodeCompleted mp2Done = completed(TestConfigs.defaults(), mp2);

        assertThat(silentDone.audioCodec()).isNull();
        assertThat(prober.probe(storage.resolve(silentDone.storagePath())).audioCodec()).isNull();
        assertThat(mp2Done.audioCodec()).isEqualTo("aac");
    }

    @Test
    void aVariableFrameRateVideoKeepsItsTimingAndLength() throws Exception {
        // 10 frames, a 1 s pause, 10 more: 30 ticks of 40 ms, 20 frames.
        int[] ticks = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44};
        Path clip = VideoFixtures.write(library.resolve("vfr.mp4"), clip().format("mp4", "mpeg4").atTicks(ticks));
        List<Long> source = Mp4Boxes.videoTimestamps(clip);

        Path output = storage.resolve(completed(TestConfigs.defaults(), clip).storagePath());

        List<Long> transcoded = Mp4Boxes.videoTimestamps(output);
        assertThat(transcoded).hasSameSizeAs(source);
        for (int i = 0; i < source.size(); i++) {
            assertThat(transcoded.get(i) - transcoded.get(0)).as("frame %d", i)
                    .isCloseTo(source.get(i) - source.get(0), within(2_000L));
        }
        assertThat(transcoded.get(10) - transcoded.get(9)).as("the pause is kept").isGreaterThan(1_000_000L);
    }

    @Test
    void hlgHdrIsToneMappedToEightBitSdr() throws Exception {
        Path clip = VideoFixtures.write(library.resolve("hlg.mp4"), clip().hlg().frames(5));
        VideoProbe source = prober.probe(clip);
        assertThat(source.hdr()).as("the fixture is tagged HLG: %s", source).isTrue();
        assertThat(source.pixelFormat()).isEqualTo("yuv420p10le");

        VideoProbe probe = prober.probe(storage.resolve(completed(TestConfigs.defaults(), clip).storagePath()));

        assertThat(probe.videoCodec()).isEqualTo("h264");
        assertThat(probe.profile()).isEqualTo("High");
        assertThat(probe.pixelFormat()).isEqualTo("yuv420p");
        assertThat(probe.hdr()).isFalse();
    }

    @Test
    void aCorruptFileFailsWithFfmpegsReason() throws Exception {
        Path noise = VideoFixtures.writeCorrupt(library.resolve("noise.mp4"), 50_000, 7);

        ProcessingFailed failed = failed(TestConfigs.defaults(), noise);

        assertThat(failed.kind()).isEqualTo(FailureKind.CORRUPT);
        assertThat(failed.reason()).startsWith("FFmpeg could not open the video").contains("avformat_open_input")
                .contains("Invalid data found when processing input");
        assertThat(derivedFiles()).isEmpty();
    }

    @Test
    void aTruncatedFileFailsAndLeavesNothing() throws Exception {
        Path whole = VideoFixtures.write(library.resolve("whole.mp4"), clip().format("mp4", "mpeg4").frames(50));
        Path cut = VideoFixtures.writeTruncated(whole, library.resolve("cut.mp4"), 0.5);

        ProcessingFailed failed = failed(TestConfigs.defaults(), cut);

        assertThat(failed.kind()).isEqualTo(FailureKind.CORRUPT);
        assertThat(failed.reason()).contains("truncated");
        assertThat(derivedFiles()).as("no output and no partial file").isEmpty();
    }

    @Test
    void anH264Mp4WhoseSamplesAreGoneFailsWithAReason() throws Exception {
        // As a stripped camera sample (the corpus's sony-a7-xavc.MP4): a sample description but no frame, so FFmpeg's
        // probe names no pixel format. It once threw a NullPointerException and was dead-lettered, its transcode
        // PENDING for good.
        Path whole = VideoFixtures.write(library.resolve("whole.mp4"), h264Aac());
        Path empty = VideoFixtures.withEmptyMdat(whole, library.resolve("no-samples.mp4"));
        assertThat(prober.probe(empty).pixelFormat()).as("the probe knows no pixel format").isNull();

        ProcessingFailed failed = failed(TestConfigs.defaults(), empty);

        assertThat(failed.kind()).isEqualTo(FailureKind.CORRUPT);
        assertThat(failed.reason()).isNotBlank();
        assertThat(derivedFiles()).as("no output and no partial file").isEmpty();
    }

    @Test
    void aVideoWhoseRootIsOutOfReachFailsWithTheReasonAndOneThatIsGoneIsSkipped() throws Exception {
        Path clip = VideoFixtures.write(library.resolve("away.avi"), clip());
        MediaIndexed item = indexed(clip);
        TranscodeService service = TestConfigs.defaults().service(library, storage);
        Files.delete(clip);

        Path other = VideoFixtures.write(library.resolve("other.avi"), clip());
        assertThat(service.process(item, p -> { })).as("removed under a root in reach: nothing to say").isEmpty();

        Files.delete(other); // the root is now an empty folder, as an unmounted share leaves it
        ProcessingFailed failed = (ProcessingFailed) service.process(item, p -> { }).orElseThrow();
        assertThat(failed.stage()).isEqualTo(ProcessingStage.TRANSCODE);
        assertThat(failed.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failed.reason()).contains("library root 'test' was out of reach");
    }

    @Test
    void progressIsReportedAtMostOncePerInterval() throws Exception {
        Path clip = VideoFixtures.write(library.resolve("progress.avi"), clip().frames(50));
        List<TranscodeProgress> everyFrame = new ArrayList<>();
        List<TranscodeProgress> throttled = new ArrayList<>();

        TestConfigs.defaults().progressEvery(Duration.ZERO).service(library, storage).process(indexed(clip),
                everyFrame::add);
        Files.walk(storage).sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(storage))
                .forEach(p -> p.toFile().delete());
        TestConfigs.defaults().progressEvery(Duration.ofHours(1)).service(library, storage).process(indexed(clip),
                throttled::add);

        assertThat(everyFrame).hasSize(50);
        assertThat(everyFrame).extracting(TranscodeProgress::percent).isSorted();
        assertThat(everyFrame.get(49).percent()).isGreaterThan(90);
        assertThat(everyFrame.get(49).fps()).isPositive();
        assertThat(throttled).as("only the first report within an hour").hasSize(1);
    }

    @Test
    void aTranscodeOverItsTimeIsAbandonedWithoutOutput() throws Exception {
        Path clip = VideoFixtures.write(library.resolve("slow.avi"), clip());

        ProcessingFailed failed = failed(TestConfigs.defaults().timeoutAfter(Duration.ofNanos(1)), clip);

        assertThat(failed.kind()).isEqualTo(FailureKind.TOO_LARGE);
        assertThat(derivedFiles()).isEmpty();
    }

    @Test
    void aFailingGpuEncoderFallsBackToTheCpu() throws Exception {
        Path clip = VideoFixtures.write(library.resolve("gpu.avi"), clip());
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        // Taken without probing, as for a device busy at start; there is no NVIDIA GPU here, so it fails per file.
        TranscodeService service = TestConfigs.defaults().gpu(false, "h264_nvenc").service(library, storage, metrics);

        DarkroomEvent event = service.process(indexed(clip), p -> { }).orElseThrow();

        assertThat(event).isInstanceOf(TranscodeCompleted.class);
        assertThat(metrics.counter("darkroom_transcode_gpu_fallbacks", "encoder", "h264_nvenc").count()).isEqualTo(1);
        assertThat(metrics.timer("darkroom_transcode_seconds", "encoder", "libx264").count()).isEqualTo(1);
        assertThat(prober.probe(storage.resolve(((TranscodeCompleted) event).storagePath())).videoCodec())
                .isEqualTo("h264");
    }

    @Test
    void aVideoAnotherInstanceIsTranscodingIsWaitedForNotTranscodedTwice() throws Exception {
        Path clip = VideoFixtures.write(library.resolve("shared.avi"), clip());
        Path elsewhere = Files.createTempDirectory(storage, "other");
        Path finished = elsewhere.resolve(TestConfigs.defaults().service(library, elsewhere).process(indexed(clip),
                p -> { }).map(e -> ((TranscodeCompleted) e).storagePath()).orElseThrow());
        String hash = ContentHash.of(clip);
        Path target = storage.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash)
                .resolve("video.mp4");
        Files.createDirectories(target.getParent());
        Path claim = target.resolveSibling(".video.mp4.claim");
        Files.writeString(claim, "other instance");
        Thread other = new Thread(() -> {
            try {
                Thread.sleep(1500);
                Files.copy(finished, target);
                Files.delete(claim);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();

        other.start();
        DarkroomEvent event = TestConfigs.defaults().service(library, storage, metrics).process(indexed(clip),
                p -> { }).orElseThrow();
        other.join();

        assertThat(event).isInstanceOf(TranscodeCompleted.class);
        assertThat(metrics.find("darkroom_transcode_seconds").timers()).as("no transcode of its own").isEmpty();
        assertThat(((TranscodeCompleted) event).sizeBytes()).isEqualTo(Files.size(finished));
    }

    @Test
    void anExistingOutputIsReusedUnlessARedoIsRequestedThenItIsReplaced() throws Exception {
        Path clip = VideoFixtures.write(library.resolve("redo.avi"), clip());
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        TranscodeService service = TestConfigs.defaults().service(library, storage, metrics);
        Path output = storage.resolve(((TranscodeCompleted) service.process(indexed(clip), p -> { }).orElseThrow())
                .storagePath());
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(
                java.time.Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(output, old); // made by an older version

        service.process(indexed(clip), p -> { }).orElseThrow();
        assertThat(Files.getLastModifiedTime(output)).as("no redo asked: the file on disk is kept").isEqualTo(old);
        assertThat(metrics.timer("darkroom_transcode_seconds", "encoder", "libx264").count()).isEqualTo(1);

        TranscodeCompleted redone = (TranscodeCompleted) service.process(indexed(clip).asRedo(), p -> { })
                .orElseThrow();

        assertThat(metrics.timer("darkroom_transcode_seconds", "encoder", "libx264").count()).isEqualTo(2);
        assertThat(Files.getLastModifiedTime(output)).as("replaced by the new transcode").isNotEqualTo(old);
        assertThat(prober.probe(output).videoCodec()).isEqualTo("h264");
        assertThat(redone.sizeBytes()).isEqualTo(Files.size(output));
        assertThat(derivedFiles()).as("no partial file left").containsExactly(output);
    }

    private TranscodeCompleted completed(TestConfigs config, Path clip) throws Exception {
        DarkroomEvent event = config.service(library, storage).process(indexed(clip), p -> { }).orElseThrow();
        assertThat(event).isInstanceOf(TranscodeCompleted.class);
        return (TranscodeCompleted) event;
    }

    private ProcessingFailed failed(TestConfigs config, Path clip) throws Exception {
        DarkroomEvent event = config.service(library, storage).process(indexed(clip), p -> { }).orElseThrow();
        assertThat(event).isInstanceOf(ProcessingFailed.class);
        return (ProcessingFailed) event;
    }

    private MediaIndexed indexed(Path clip) throws Exception {
        return MediaIndexed.of(ContentHash.of(clip), new FileLocation("test", library.relativize(clip).toString()),
                MediaKind.VIDEO, "video/mp4", null, null, null, null, null);
    }

    private List<Path> derivedFiles() throws Exception {
        try (Stream<Path> files = Files.walk(storage)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
