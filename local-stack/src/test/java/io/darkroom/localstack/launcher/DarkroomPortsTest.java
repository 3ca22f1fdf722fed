package io.darkroom.localstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DarkroomPortsTest {

    @Test
    void theDefaultBaseGivesThePortsOfTheArchitectureDoc() {
        DarkroomPorts ports = DarkroomPorts.fromBase(8080);
        assertThat(ports.http(DarkroomService.API_GATEWAY)).isEqualTo(8080);
        assertThat(ports.http(DarkroomService.INGEST)).isEqualTo(8081);
        assertThat(ports.http(DarkroomService.INDEX)).isEqualTo(8082);
        assertThat(ports.http(DarkroomService.THUMBNAIL)).isEqualTo(8083);
        assertThat(ports.http(DarkroomService.TRANSCODE)).isEqualTo(8084);
        assertThat(ports.kafka()).isEqualTo(9092);
        assertThat(ports.kafkaController()).isEqualTo(9093);
        assertThat(ports.mariaDb()).isEqualTo(3307);
    }

    @Test
    void anotherBaseMovesEveryPortByTheSameAmount() {
        DarkroomPorts ports = DarkroomPorts.fromBase(18080);
        assertThat(ports.http(DarkroomService.TRANSCODE)).isEqualTo(18084);
        assertThat(ports.kafka()).isEqualTo(19092);
        assertThat(ports.mariaDb()).isEqualTo(13307);
        assertThatThrownBy(() -> DarkroomPorts.fromBase(5000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void freePortsAreDistinct() {
        DarkroomPorts ports = DarkroomPorts.free();
        assertThat(new java.util.HashSet<>(ports.http().values())).hasSize(5).doesNotContain(ports.kafka(), ports.mariaDb());
    }
}
