import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A wrk-like HTTP/1.1 load generator: one thread and a selector drive a fixed set of keep-alive connections, each
 * with one request in flight, and a response is read by its Content-Length without being kept. It exists because
 * the load runs on the same two cores as the server: the JDK's HttpClient spent more CPU per timeline request than
 * MariaDB did (docs/PERFORMANCE.md), which measured the client as much as the gateway. wrk itself is not among the
 * packages this project installs.
 *
 * <p>Two modes, as wrk and wrk2 have: closed loop (each connection sends its next request when the answer
 * arrived) and fixed rate (request i is due at {@code start + i / rate}; a free connection takes the next due
 * request, and latency counts from its due time, so a stall counts against every request it delays).
 */
final class HttpLoad {

    /** Every answer's latency (sorted, nanoseconds), the non-200 answers and failures, and the body bytes read. */
    record Result(long requests, long errors, long bytes, long[] latencies, double seconds) {

        double rps() {
            return requests / seconds;
        }

        double ms(double quantile) {
            return latencies.length == 0 ? Double.NaN
                    : latencies[Math.max(0, (int) Math.ceil(quantile * latencies.length) - 1)] / 1e6;
        }
    }

    private static final long TIMEOUT_NANOS = 30_000_000_000L;

    private final InetSocketAddress address;
    private final String host;
    private final String authorization;
    private final Supplier<String> paths;

    /** {@code paths} gives each request's path and query; {@code authorization} is sent with each (null: none). */
    HttpLoad(InetSocketAddress address, String authorization, Supplier<String> paths) {
        this.address = address;
        this.host = address.getHostString() + ":" + address.getPort();
        this.authorization = authorization;
        this.paths = paths;
    }

    Result closedLoop(int connections, double seconds) throws IOException {
        return run(connections, Long.MAX_VALUE, 0, seconds);
    }

    Result fixedRate(int connections, int rate, double seconds) throws IOException {
        return run(connections, (long) (rate * seconds), 1_000_000_000L / rate, seconds);
    }

    /** {@code interval} 0: closed loop for {@code seconds}; else {@code total} requests on the fixed schedule. */
    private Result run(int connections, long total, long interval, double seconds) throws IOException {
        List<long[]> latencyChunks = new ArrayList<>();
        long[] chunk = new long[1 << 16];
        int inChunk = 0;
        long done = 0;
        long errors = 0;
        long bytes = 0;
        try (Selector selector = Selector.open()) {
            ArrayDeque<Connection> idle = new ArrayDeque<>();
            for (int i = 0; i < connections; i++) {
                idle.add(new Connection(selector));
            }
            long start = System.nanoTime() + 20_000_000L;
            long end = interval == 0 ? start + (long) (seconds * 1e9) : Long.MAX_VALUE;
            long next = 0; // the next request's index on the fixed schedule
            int busy = 0;
            long nextStaleCheck = 0;
            while (true) {
                long now = System.nanoTime();
                // hand out work to free connections
                while (!idle.isEmpty()) {
                    long due;
                    if (interval == 0) {
                        if (now >= end) {
                            break;
                        }
                        due = now;
                    } else {
                        if (next >= total || start + next * interval > now) {
                            break;
                        }
                        due = start + next++ * interval;
                    }
                    Connection connection = idle.poll();
                    connection.send(request(paths.get()), due);
                    busy++;
                }
                boolean finished = interval == 0 ? now >= end && busy == 0 : next >= total && busy == 0;
                if (finished) {
                    break;
                }
                long waitNanos = interval != 0 && next < total && !idle.isEmpty()
                        ? Math.max(0, start + next * interval - now) : 10_000_000L;
                if (waitNanos < 50_000) {
                    selector.selectNow();
                } else {
                    selector.select(Math.max(1, waitNanos / 1_000_000));
                }
                var keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    Connection connection = (Connection) key.attachment();
                    int outcome = connection.onReady();
                    if (outcome == Connection.PENDING) {
                        continue;
                    }
                    long latency = System.nanoTime() - connection.due;
                    busy--;
                    done++;
                    bytes += connection.bodyRead;
                    if (outcome != 200) {
                        errors++;
                    }
                    if (inChunk == chunk.length) {
                        latencyChunks.add(chunk);
                        chunk = new long[chunk.length];
                        inChunk = 0;
                    }
                    chunk[inChunk++] = latency;
                    idle.add(connection.reusable() ? connection : new Connection(selector));
                }
                // a connection silent for too long is given up on: counted as an error, replaced (looked at once
                // a second, not on every wake-up: this loop's CPU is measured too)
                if (System.nanoTime() < nextStaleCheck) {
                    continue;
                }
                nextStaleCheck = System.nanoTime() + 1_000_000_000L;
                long stale = System.nanoTime() - TIMEOUT_NANOS;
                for (SelectionKey key : List.copyOf(selector.keys())) {
                    Connection connection = (Connection) key.attachment();
                    if (connection.inFlight && connection.sentAt < stale) {
                        connection.close();
                        busy--;
                        done++;
                        errors++;
                        idle.add(new Connection(selector));
                    }
                }
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            latencyChunks.add(Arrays.copyOf(chunk, inChunk));
            long[] all = latencyChunks.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            for (SelectionKey key : selector.keys()) {
                ((Connection) key.attachment()).close();
            }
            return new Result(done, errors, bytes, all, elapsed);
        }
    }

    private ByteBuffer request(String pathAndQuery) {
        StringBuilder request = new StringBuilder(256).append("GET ").append(pathAndQuery)
                .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
        if (authorization != null) {
            request.append("Authorization: ").append(authorization).append("\r\n");
        }
        return ByteBuffer.wrap(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** One keep-alive connection with at most one request in flight. */
    private final class Connection {

        static final int PENDING = -1;

        private final SocketChannel channel;
        private final SelectionKey key;
        private ByteBuffer out;
        private ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        private boolean inFlight;
        private long due;
        private long sentAt;
        private int status;
        private long bodyLeft = -1; // -1: headers not read yet
        private long bodyRead;
        private boolean closeAfter;
        private boolean broken;
        private boolean chunked;
        private long chunkLeft; // data bytes left in the current chunk
        private boolean trailer; // past the last (empty) chunk
        private final StringBuilder line = new StringBuilder();

        Connection(Selector selector) throws IOException {
            channel = SocketChannel.open(address);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            key = channel.register(selector, 0, this);
        }

        void send(ByteBuffer request, long due) throws IOException {
            this.due = due;
            this.sentAt = System.nanoTime();
            inFlight = true;
            status = 0;
            bodyLeft = -1;
            bodyRead = 0;
            closeAfter = false;
            chunked = false;
            chunkLeft = 0;
            trailer = false;
            line.setLength(0);
            in.clear();
            out = request;
            try {
                channel.write(out);
            } catch (IOException e) {
                broken = true;
            }
            key.interestOps(out.hasRemaining() && !broken ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            if (broken) {
                key.selector().wakeup();
            }
        }

        /** The answer's status once it is complete (0: the connection failed), else {@link #PENDING}. */
        int onReady() {
            try {
                if (broken) {
                    return fail();
                }
                if (key.isWritable()) {
                    channel.write(out);
                    if (!out.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                    return PENDING;
                }
                int read = channel.read(in);
                if (read < 0) {
                    return fail();
                }
                if (bodyLeft < 0 && !readHeaders()) {
                    if (!in.hasRemaining()) {
                        return fail(); // headers over 64 KB
                    }
                    return PENDING;
                }
                if (chunked) {
                    in.flip();
                    boolean complete = readChunks();
                    in.clear();
                    if (!complete) {
                        return PENDING;
                    }
                    bodyLeft = 0;
                } else if (bodyLeft >= 0) {
                    bodyLeft -= in.position();
                    bodyRead += in.position();
                    in.clear();
                }
                if (bodyLeft > 0) {
                    return PENDING;
                }
                inFlight = false;
                key.interestOps(0);
                return bodyLeft == 0 ? status : fail();
            } catch (IOException e) {
                return fail();
            }
        }

        /** Parses the status line and headers once they are all in; leaves the body bytes read so far in {@code in}. */
        private boolean readHeaders() {
            int length = in.position();
            byte[] bytes = new byte[length];
            in.flip();
            in.get(bytes);
            int end = -1;
            for (int i = 3; i < length; i++) {
                if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                    end = i + 1;
                    break;
                }
            }
            if (end < 0) {
                in.clear();
                in.put(bytes);
                return false;
            }
            String head = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            status = Integer.parseInt(head.substring(9, 12));
            long contentLength = 0;
            for (String line : head.split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    contentLength = Long.parseLong(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closeAfter = true;
                }
            }
            bodyLeft = contentLength;
            in.clear();
            in.put(bytes, end, length - end);
            return true;
        }

        /** Walks chunked body bytes (size line, data, CRLF, ..., 0, trailer, CRLF); true once the body has ended. */
        private boolean readChunks() {
            while (in.hasRemaining()) {
                if (chunkLeft > 0) {
                    int skip = (int) Math.min(chunkLeft, in.remaining());
                    in.position(in.position() + skip);
                    chunkLeft -= skip;
                    bodyRead += skip;
                    continue;
                }
                byte b = in.get();
                if (b == '\r') {
                    continue;
                }
                if (b != '\n') {
                    line.append((char) b);
                    continue;
                }
                String text = line.toString().strip();
                line.setLength(0);
                if (trailer) {
                    if (text.isEmpty()) {
                        return true;
                    }
                } else if (!text.isEmpty()) { // an empty line is the CRLF after a chunk's data
                    int extension = text.indexOf(';');
                    long size = Long.parseLong(extension < 0 ? text : text.substring(0, extension), 16);
                    if (size == 0) {
                        trailer = true;
                    } else {
                        chunkLeft = size;
                    }
                }
            }
            return false;
        }

        private int fail() {
            inFlight = false;
            close();
            return 0;
        }

        boolean reusable() {
            return channel.isOpen() && !closeAfter;
        }

        void close() {
            inFlight = false;
            key.cancel();
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
