package io.darkroom.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Local TCP ports: picking free ones, and refusing to start on a busy one. */
public final class Ports {

    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {
    }

    /**
     * Free ports are drawn below Linux's ephemeral range (32768-60999): a port the kernel hands out with bind(0)
     * may be taken by any outgoing connection (a Kafka client, say) before our child process binds it.
     */
    private static final int FIRST_PICK = 20_000;
    private static final int PICK_RANGE = 12_000;
    /**
     * Ports this JVM has handed out: Kafka and MariaDB pick theirs on parallel threads, and a port is free until its
     * process binds it, so two picks of the same number would both pass the bind check (the likely cause of one
     * local-stack start that failed with "port ... for MariaDB is in use").
     */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A port free on the loopback interface right now, outside the ephemeral range, not handed out before here. */
    public static int pickFree() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = FIRST_PICK + random.nextInt(PICK_RANGE);
            if (HANDED_OUT.size() < PICK_RANGE / 2 && !HANDED_OUT.add(port)) {
                continue; // another caller in this JVM has it, bound or about to be
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
                return port;
            } catch (IOException busy) {
                // try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + FIRST_PICK + " and "
                + (FIRST_PICK + PICK_RANGE)));
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
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " for " + what + " is in use (" + e.getMessage()
                    + "); stop the other process or choose other ports");
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
