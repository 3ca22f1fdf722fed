package io.darkroom.thumbnail.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerCountTest {

    private static final long GIB = 1L << 30;
    private static final long FIFTY_MP = 50_000_000L;

    @Test
    void oneWorkerPerCoreWhenTheMemoryHoldsTheirWorstCase() {
        assertThat(WorkerCount.of(2, 8 * GIB, FIFTY_MP)).isEqualTo(2);
        assertThat(WorkerCount.of(16, 64 * GIB, FIFTY_MP)).isEqualTo(16);
    }

    @Test
    void theMemoryBudgetCapsTheWorkersAtEachDecodesWorstCase() {
        // 50 MP x 8 bytes = 400 MB a decode: 2 GiB holds 5 of them, 1 GiB 2.
        assertThat(WorkerCount.of(16, 2 * GIB, FIFTY_MP)).isEqualTo(5);
        assertThat(WorkerCount.of(16, GIB, FIFTY_MP)).isEqualTo(2);
        assertThat(WorkerCount.of(16, GIB, 12_000_000L)).isEqualTo(11);
    }

    @Test
    void neverLessThanOne() {
        assertThat(WorkerCount.of(4, 100_000_000L, FIFTY_MP)).isEqualTo(1);
        assertThat(WorkerCount.of(1, 0, FIFTY_MP)).isEqualTo(1);
    }

    @Test
    void theDefaultBudgetIsHalfTheMemory() {
        assertThat(WorkerCount.defaultMemoryBudget(8 * GIB)).isEqualTo(4 * GIB);
    }
}
