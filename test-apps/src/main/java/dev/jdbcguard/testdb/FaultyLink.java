package dev.jdbcguard.testdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback between the driver and the server, for faults the server cannot make
 * by itself: cut every link, reset them, black-hole them (bytes vanish, sockets stay open), add
 * latency. Connect the driver to {@link #port()} instead of the server's port.
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
                pump(client, server, pair);
                pump(server, client, pair);
            } catch (IOException e) {
                // listener closed, or the server is down: the client sees its side close
            }
        }
    }

    private void pump(Socket from, Socket to, Socket[] pair) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (mode == Mode.BLACK_HOLE) {
                        continue; // the bytes vanish; nobody is told
                    }
                    long delay = latencyMillis;
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
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
