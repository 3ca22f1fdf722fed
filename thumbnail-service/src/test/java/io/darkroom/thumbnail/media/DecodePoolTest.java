package io.darkroom.thumbnail.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.darkroom.events.FailureKind;
import io.darkroom.events.MediaKind;
import io.darkroom.platform.testing.ExifData;
import io.darkroom.platform.testing.JpegFixtures;
import io.darkroom.thumbnail.domain.ThumbnailFailure;
import io.darkroom.thumbnail.domain.ThumbnailSize;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodePoolTest {

    @TempDir
    Path dir;

    @Test
    void aDecodePastTheDeadlineFailsTheItemAsTooLargeAndTheNextItemIsStillServed() throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        try (DecodePool pool = new DecodePool(1, Duration.ofMillis(200))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> pool.run(() -> {
                waitFor(hung); // a decoder that does not return
                return "late";
            })).isInstanceOfSatisfying(ThumbnailFailure.class, failure -> {
                assertThat(failure.kind()).isEqualTo(FailureKind.TOO_LARGE);
                assertThat(failure.getMessage()).contains("longer than the limit").contains("decode-timeout");
            });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(pool.runaways()).isEqualTo(1);
            assertThat(pool.stuck()).isFalse();

            // one worker, its thread still hung: a replacement serves the next item
            assertThat(pool.run(() -> "next")).isEqualTo("next");

            hung.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> pool.runaways() == 0);
            assertThat(pool.run(() -> "after")).isEqualTo("after");
        }
    }

    @Test
    void moreRunawaysThanWorkersAreNotReplacedAndMarkThePoolStuckUntilTheyReturn() throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        try (DecodePool pool = new DecodePool(1, Duration.ofMillis(100))) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> pool.run(() -> {
                    waitFor(hung);
                    return "late";
                })).isInstanceOf(ThumbnailFailure.class);
            }
            assertThat(pool.runaways()).isEqualTo(2);
            assertThat(pool.stuck()).as("two threads hung, one replaced").isTrue();

            hung.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> pool.runaways() == 0);
            assertThat(pool.stuck()).isFalse();
            assertThat(pool.run(() -> "served")).isEqualTo("served");
        }
    }

    @Test
    void timeQueuedBehindOtherDecodesDoesNotCountAgainstTheDeadline() throws Exception {
        try (DecodePool pool = new DecodePool(1, Duration.ofMillis(400))) {
            CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> slow(pool, "a"));
            CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> slow(pool, "b"));
            CompletableFuture<String> c = CompletableFuture.supplyAsync(() -> slow(pool, "c"));
            assertThat(a.get(10, TimeUnit.SECONDS) + b.get(10, TimeUnit.SECONDS) + c.get(10, TimeUnit.SECONDS))
                    .isEqualTo("abc");
        }
    }

    @Test
    void theDecodersOwnFailuresPassThroughUnchanged() {
        try (DecodePool pool = new DecodePool(1, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> pool.run(() -> {
                throw new ThumbnailFailure(FailureKind.CORRUPT, "bad bytes");
            })).isInstanceOf(ThumbnailFailure.class).hasMessage("bad bytes");
            assertThatThrownBy(() -> pool.run(() -> {
                throw new IOException("disk gone");
            })).isInstanceOf(IOException.class).hasMessage("disk gone");
        }
    }

    @Test
    void aRealDecodeOverATinyDeadlineIsGivenUpWithTheReason() throws Exception {
        Path photo = JpegFixtures.write(dir.resolve("big.jpg"), 6000, 4000, ExifData.NONE);
        OpenCvThumbnailer thumbnailer = new OpenCvThumbnailer(85,
                new MediaDecoder.Limits(200_000_000L, 50_000_000L, 200L << 20));
        try (DecodePool pool = new DecodePool(1, Duration.ofMillis(1))) {
            assertThatThrownBy(() -> pool.run(() -> thumbnailer.render(photo, MediaKind.IMAGE, null,
                    ThumbnailSize.ON_DEMAND)))
                    .isInstanceOfSatisfying(ThumbnailFailure.class,
                            failure -> assertThat(failure.kind()).isEqualTo(FailureKind.TOO_LARGE));
        }
        try (DecodePool pool = new DecodePool(1, Duration.ofSeconds(60))) {
            assertThat(pool.run(() -> thumbnailer.render(photo, MediaKind.IMAGE, null, ThumbnailSize.ON_DEMAND)))
                    .extracting(e -> e.width() + "x" + e.height()).containsExactly("2560x1707", "3840x2560");
        }
    }

    private static void waitFor(CountDownLatch latch) throws IOException {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    private static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    private static String slow(DecodePool pool, String name) {
        try {
            return pool.run(() -> {
                pause(250);
                return name;
            });
        } catch (IOException | ThumbnailFailure e) {
            throw new AssertionError(e);
        }
    }
}
