package dev.jdbcguard.testdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on loopback between the driver and the server, for faults the server cannot make
 * by itself: cut every link, reset them, black-hole them (bytes vanish, sockets stay open), add
 * latency, lose the reply to one statement ({@link #loseReplyTo}). Connect the driver to
 * {@link #port()} instead of the server's port.
 */
public final class FaultyLink implements AutoCloseable {

    /** What happens to bytes crossing the link. */
    public enum Mode { PASS, BLACK_HOLE }

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket[]> links = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.PASS;
    private volatile long latencyMillis;
    /** Upper-case statement prefix the next matching COM_QUERY must start with; null when not armed. */
    private final AtomicReference<String> loseReplyTo = new AtomicReference<>();
    private final AtomicInteger lostReplies = new AtomicInteger();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<String> lostStatements = new CopyOnWriteArrayList<>();

    private FaultyLink(String targetHost, int targetPort) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::accept, "faulty-link-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static FaultyLink to(TestServer server) throws IOException {
        return new FaultyLink(server.host(), server.port());
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The server's URL for a driver, through this link. */
    public String url(TestServer server, String driver) {
        return server.url(driver).replace(":" + server.port() + "/", ":" + port() + "/");
    }

    public void mode(Mode newMode) {
        mode = newMode;
    }

    public void latency(long millis) {
        latencyMillis = millis;
    }

    /** Closes every open link at once (FIN both ways), like a server or middlebox that goes away. */
    public void cutAll() {
        for (Socket[] pair : links) {
            closeQuietly(pair[0]);
            closeQuietly(pair[1]);
            links.remove(pair); // only those closed: a link accepted meanwhile stays tracked
        }
    }

    /** Resets every open link (RST), like a firewall that forgot the connection. */
    public void resetAll() {
        for (Socket[] pair : links) {
            try {
                pair[0].setSoLinger(true, 0);
            } catch (IOException e) {
                // already gone
            }
            closeQuietly(pair[0]);
            closeQuietly(pair[1]);
            links.remove(pair);
        }
    }

    /**
     * Arms a one-shot fault: the next client packet that is a COM_QUERY whose text starts with
     * {@code statementPrefix} (case-insensitive, leading blanks ignored), e.g. "COMMIT", is
     * forwarded whole to the server; then that link stops forwarding the server's bytes, waits
     * for the server's reply (at most 3 s), throws it away and closes both sockets. The server
     * ran the statement; the client never hears how it ended, as when a link dies between
     * the server's commit and its OK packet.
     */
    public void loseReplyTo(String statementPrefix) {
        loseReplyTo.set(statementPrefix.trim().toUpperCase(Locale.ROOT));
    }

    /** Disarms {@link #loseReplyTo} if no statement matched it. */
    public void cancelLoseReply() {
        loseReplyTo.set(null);
    }

    /** How many replies {@link #loseReplyTo} has thrown away. */
    public int lostReplies() {
        return lostReplies.get();
    }

    /** The statements whose reply was thrown away, as the client sent them. */
    public List<String> lostStatements() {
        return new ArrayList<>(lostStatements);
    }

    /** The text of every COM_QUERY clients sent through this link (the last 500), in order. */
    public List<String> queries() {
        return new ArrayList<>(queries);
    }

    public int openLinks() {
        return links.size();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(targetHost, targetPort);
                Socket[] pair = {client, server};
                links.add(pair);
                LostReply lost = new LostReply();
                pumpFromClient(client, server, pair, lost);
                pumpFromServer(server, client, pair, lost);
            } catch (IOException e) {
                // listener closed, or the server is down: the client sees its side close
            }
        }
    }

    /** The state of one link's lose-the-reply fault: once fired, the server's bytes are dropped. */
    private static final class LostReply {
        volatile boolean fired;
        final CountDownLatch replySwallowed = new CountDownLatch(1);
    }

    /**
     * Client to server: forwards the bytes as they come, and follows the MySQL packet framing
     * (3-byte length, 1-byte sequence, payload) to see each COM_QUERY's text.
     */
    private void pumpFromClient(Socket from, Socket to, Socket[] pair, LostReply lost) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            PacketReader packets = new PacketReader();
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (mode == Mode.BLACK_HOLE) {
                        continue; // the bytes vanish; nobody is told
                    }
                    long delay = latencyMillis;
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    int end = packets.feed(buffer, n);
                    if (end < 0) {
                        out.write(buffer, 0, n);
                        out.flush();
                        continue;
                    }
                    lost.fired = true; // before the server can answer: none of its reply gets through
                    lostReplies.incrementAndGet();
                    lostStatements.add(packets.matched);
                    out.write(buffer, 0, end);
                    out.flush();
                    lost.replySwallowed.await(3, TimeUnit.SECONDS);
                    break; // the rest (if any) never reaches the server: the link is cut
                }
            } catch (IOException | InterruptedException e) {
                // link cut
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                links.remove(pair);
            }
        }, "faulty-link-pump");
        t.setDaemon(true);
        t.start();
    }

    private void pumpFromServer(Socket from, Socket to, Socket[] pair, LostReply lost) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (lost.fired) {
                        lost.replySwallowed.countDown(); // the reply is thrown away, and the link cut
                        break;
                    }
                    if (mode == Mode.BLACK_HOLE) {
                        continue; // the bytes vanish; nobody is told
                    }
                    long delay = latencyMillis;
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    if (lost.fired) {
                        lost.replySwallowed.countDown();
                        break;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // link cut
            } finally {
                lost.replySwallowed.countDown();
                closeQuietly(from);
                closeQuietly(to);
                links.remove(pair);
            }
        }, "faulty-link-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Follows the client's packets across reads; reports where an armed statement's packet ends. */
    private final class PacketReader {
        private final byte[] header = new byte[4];
        private int headerFill;
        private int remaining;
        private final byte[] start = new byte[256];
        private int startFill;
        String matched;

        /** Feeds one read; returns the length up to the end of the armed statement's packet, or -1. */
        int feed(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                if (remaining == 0) {
                    header[headerFill++] = bytes[i];
                    if (headerFill == 4) {
                        headerFill = 0;
                        remaining = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
                        startFill = 0;
                    }
                    continue;
                }
                if (startFill < start.length) {
                    start[startFill++] = bytes[i];
                }
                if (--remaining == 0 && packetEnded()) {
                    return i + 1;
                }
            }
            return -1;
        }

        private boolean packetEnded() {
            if (startFill == 0 || start[0] != 0x03) {
                return false; // not a COM_QUERY
            }
            String text = new String(start, 1, startFill - 1, StandardCharsets.UTF_8);
            queries.add(text);
            if (queries.size() > 500) {
                queries.remove(0);
            }
            String armed = loseReplyTo.get();
            if (armed != null && text.trim().toUpperCase(Locale.ROOT).startsWith(armed)
                    && loseReplyTo.compareAndSet(armed, null)) {
                matched = text;
                return true;
            }
            return false;
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
        cutAll();
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
