package io.darkroom.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PortsTest {

    /**
     * 400 picks from four threads at once: drawn at random from up to 12,768 ports, some would repeat (the birthday
     * bound makes a repeat all but certain), and two processes of one stack would then race for one port.
     */
    @Test
    void picksFromParallelThreadsNeverRepeat() throws Exception {
        Set<Integer> picked = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> picks = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                picks.add(threads.submit(Ports::pickFree));
            }
            for (Future<Integer> pick : picks) {
                int port = pick.get();
                assertThat(Ports.pickRange().contains(port)).as("port %d in %s", port, Ports.pickRange()).isTrue();
                assertThat(picked.add(port)).as("port %d picked twice", port).isTrue();
            }
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void picksStayBelowTheEphemeralRange() {
        assertThat(Ports.PickRange.outside(new int[] {32_768, 60_999})).isEqualTo(new Ports.PickRange(20_000, 12_768));
        assertThat(Ports.PickRange.outside(new int[] {16_000, 65_535})).isEqualTo(new Ports.PickRange(10_000, 6_000));
    }

    @Test
    void picksGoAboveAnEphemeralRangeThatStartsLow() {
        assertThat(Ports.PickRange.outside(new int[] {1_024, 49_151})).isEqualTo(new Ports.PickRange(49_152, 12_768));
    }

    @Test
    void withoutRoomOrWithoutAReadingThePicksFallBackBelowLinuxsDefault() {
        assertThat(Ports.PickRange.outside(new int[] {1_024, 65_535})).isEqualTo(Ports.PickRange.FALLBACK);
        assertThat(Ports.PickRange.outside(null)).isEqualTo(Ports.PickRange.FALLBACK);
    }

    @Test
    void theKernelsRangeIsReadAsTwoNumbers() {
        assertThat(Ports.parseRange("32768\t60999\n")).containsExactly(32_768, 60_999);
        assertThat(Ports.parseRange("16000 65535")).containsExactly(16_000, 65_535);
        assertThat(Ports.parseRange("60999 32768")).isNull();
        assertThat(Ports.parseRange("")).isNull();
        assertThat(Ports.parseRange("a b")).isNull();
    }

    /** This machine's picks are outside its own ephemeral range. */
    @Test
    void thisMachinesPicksAvoidItsEphemeralRange() {
        assumeTrue(Files.isReadable(Ports.EPHEMERAL_RANGE_FILE),
                "no " + Ports.EPHEMERAL_RANGE_FILE + " here");
        int[] ephemeral = Ports.ephemeralRange();
        assertThat(ephemeral).as("read from " + Ports.EPHEMERAL_RANGE_FILE).isNotNull();
        assertThat(Ports.pickRange()).isEqualTo(Ports.PickRange.outside(ephemeral));
        int port = Ports.pickFree();
        assertThat(port < ephemeral[0] || port > ephemeral[1]).as("port %d outside %d-%d", port, ephemeral[0],
                ephemeral[1]).isTrue();
    }

    /**
     * A process started on another thread inherits whatever probe socket is open at that moment and holds it until it
     * closes its inherited descriptors; the port then looked busy to the next check. Kafka's format tool starting
     * beside MariaDB's port check failed LocalStackTest this way.
     */
    @Test
    void aProcessStartedBesideAPortCheckDoesNotMakeTheCheckFail() throws Exception {
        Path log = Files.createTempFile("ports-test-", ".log");
        try {
            checkPortsWhileStarting(() -> ChildJvm.startCommand(List.of("true"), log, Map.of()));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The same with processes started by code that does not know about the port checks: they are checked again. */
    @Test
    void aProcessStartedElsewhereBesideAPortCheckDoesNotMakeTheCheckFail() throws Exception {
        checkPortsWhileStarting(() -> {
            try {
                return new ProcessBuilder("true").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void checkPortsWhileStarting(Supplier<Process> start) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        Thread spawner = new Thread(() -> {
            while (!done.get()) {
                try {
                    start.get().waitFor();
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        spawner.start();
        try {
            for (int round = 0; round < 1_000; round++) {
                int port = Ports.pickFree();
                Ports.requireFree(port, "round " + round);
            }
        } finally {
            done.set(true);
            spawner.join();
        }
    }
}
