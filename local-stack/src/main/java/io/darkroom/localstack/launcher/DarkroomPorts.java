package io.darkroom.localstack.launcher;

import io.darkroom.localstack.process.Ports;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Every port of a running system. {@link #fromBase(int)} keeps the offsets of docs/architecture.md: with the base
 * 8080, the gateway 8080, ingest 8081 … transcode 8084, Kafka 9092/9093, MariaDB 3307.
 */
public record DarkroomPorts(Map<DarkroomService, Integer> http, int kafka, int kafkaController, int mariaDb) {

    public static final int DEFAULT_BASE = 8080;

    public DarkroomPorts {
        http = Map.copyOf(http);
    }

    public static DarkroomPorts fromBase(int base) {
        if (base - DEFAULT_BASE + 3307 < 1024 || base + 1013 > 65535) {
            throw new IllegalArgumentException("port base " + base + " puts a port outside 1024..65535");
        }
        Map<DarkroomService, Integer> http = new EnumMap<>(DarkroomService.class);
        for (DarkroomService service : DarkroomService.values()) {
            http.put(service, base + service.portOffset());
        }
        int shift = base - DEFAULT_BASE;
        return new DarkroomPorts(http, 9092 + shift, 9093 + shift, 3307 + shift);
    }

    /** Distinct free ports: for tests that run next to a launched system. */
    public static DarkroomPorts free() {
        Set<Integer> taken = new HashSet<>();
        Map<DarkroomService, Integer> http = new EnumMap<>(DarkroomService.class);
        for (DarkroomService service : DarkroomService.values()) {
            http.put(service, distinctFree(taken));
        }
        return new DarkroomPorts(http, distinctFree(taken), distinctFree(taken), distinctFree(taken));
    }

    public int http(DarkroomService service) {
        return http.get(service);
    }

    private static int distinctFree(Set<Integer> taken) {
        int port;
        do {
            port = Ports.pickFree();
        } while (!taken.add(port));
        return port;
    }
}
