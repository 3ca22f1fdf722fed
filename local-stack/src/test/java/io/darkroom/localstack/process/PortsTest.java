package io.darkroom.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PortsTest {

    /**
     * 400 picks from four threads at once: drawn at random from 12,000 ports, some would repeat (the birthday
     * bound makes a repeat all but certain), and two processes of one stack would then race for one port.
     */
    @Test
    void picksFromParallelThreadsNeverRepeat() throws Exception {
        Set<Integer> picked = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> picks = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                picks.add(threads.submit(Ports::pickFree));
            }
            for (Future<Integer> pick : picks) {
                int port = pick.get();
                assertThat(port).isBetween(20_000, 31_999);
                assertThat(picked.add(port)).as("port %d picked twice", port).isTrue();
            }
        } finally {
            threads.shutdown();
        }
    }
}
