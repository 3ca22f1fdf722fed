package io.darkroom.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Local TCP ports: picking free ones, and refusing to start on a busy one. */
public final class Ports {

    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {
    }

    /**
     * Free ports are drawn outside the kernel's ephemeral range (read from /proc: Linux's default is 32768-60999, a
     * container or sandbox may widen it): a port in that range may be taken by any outgoing connection (a Kafka
     * client, say) between our pick and our child process's bind.
     */
    static final Path EPHEMERAL_RANGE_FILE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final PickRange RANGE = PickRange.outside(ephemeralRange());
    /**
     * Ports this JVM has handed out: Kafka and MariaDB pick theirs on parallel threads, and a port is free until its
     * process binds it, so two picks of the same number would both pass the bind check.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** Where free ports are picked, {@code [first, first + size)}. */
    record PickRange(int first, int size) {

        private static final int LOWEST = 10_000;
        private static final int MOST = 12_768;
        private static final int FEWEST = 2_000;
        /** When the ephemeral range leaves no room: the ports below Linux's default range. */
        static final PickRange FALLBACK = new PickRange(20_000, MOST);

        /** The ports just below the ephemeral range {@code [low, high]}, else those above it, else the fallback. */
        static PickRange outside(int[] ephemeral) {
            if (ephemeral == null) {
                return FALLBACK;
            }
            int low = ephemeral[0];
            int high = ephemeral[1];
            if (low - LOWEST >= FEWEST) {
                int first = Math.max(LOWEST, low - MOST);
                return new PickRange(first, low - first);
            }
            if (65_535 - high >= FEWEST) {
                return new PickRange(high + 1, Math.min(MOST, 65_535 - high));
            }
            return FALLBACK;
        }

        boolean contains(int port) {
            return port >= first && port < first + size;
        }
    }

    /** {@code [low, high]} from /proc/sys/net/ipv4/ip_local_port_range, or null where it cannot be read. */
    static int[] ephemeralRange() {
        try {
            // readAllLines, not readString: procfs reports a size of 0, and readString then returns one byte
            return parseRange(String.join(" ", Files.readAllLines(EPHEMERAL_RANGE_FILE)));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** "32768\t60999" as {@code [32768, 60999]}; null for anything else. */
    static int[] parseRange(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 2) {
            return null;
        }
        try {
            int low = Integer.parseInt(parts[0]);
            int high = Integer.parseInt(parts[1]);
            return low > 0 && low <= high && high <= 65_535 ? new int[] {low, high} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A port free on the loopback interface right now, outside the ephemeral range, not handed out before here. */
    public static int pickFree() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = RANGE.first() + random.nextInt(RANGE.size());
            if (HANDED_OUT.size() < RANGE.size() / 2 && !HANDED_OUT.add(port)) {
                continue; // another caller in this JVM has it, bound or about to be
            }
            if (binds(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + RANGE.first() + " and "
                + (RANGE.first() + RANGE.size() - 1)));
    }

    /** Where {@link #pickFree()} picks on this machine. */
    static PickRange pickRange() {
        return RANGE;
    }

    /** {@code port}, or a free one when it is 0. */
    public static int resolve(int port) {
        return port == 0 ? pickFree() : port;
    }

    /**
     * Fails when something already listens on the port: otherwise a readiness probe would talk to that other
     * process (e.g. a second broker on 9092) and report ready.
     */
    public static void requireFree(int port, String what) {
        for (int attempt = 1; !binds(port); attempt++) {
            if (attempt == BUSY_CHECKS) {
                throw new IllegalStateException("port " + port + " for " + what + " is in use; stop the other "
                        + "process or choose other ports");
            }
            try {
                Thread.sleep(BUSY_CHECK_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking port " + port, e);
            }
        }
    }

    /**
     * Held while a probe socket is open and while {@link ChildJvm} starts a process. A process forked while a probe
     * socket is open holds a copy of it until it closes the descriptors it inherited, and for that moment the port
     * looks busy: "port ... for MariaDB is in use" while another thread started Kafka's format tool (reproduced: 3 of
     * 200 pick-and-check rounds beside a process start failed so).
     */
    static final Object PROBE_OR_SPAWN = new Object();
    /** A port busy only because a process started elsewhere in this JVM holds a probe's copy is free within ms. */
    private static final int BUSY_CHECKS = 10;
    private static final long BUSY_CHECK_PAUSE_MS = 50;

    /** True when a socket binds the loopback port now; the socket is closed again at once. */
    private static boolean binds(int port) {
        synchronized (PROBE_OR_SPAWN) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
                return true;
            } catch (IOException busy) {
                return false;
            }
        }
    }

    /** True when a TCP connection to the loopback port succeeds. */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
