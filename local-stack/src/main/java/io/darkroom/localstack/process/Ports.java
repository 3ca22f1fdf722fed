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

    /** A port free on the loopback interface right now. */
    public static int pickFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
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
