package org.laborwatch.api.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP port that forwards to a real server once {@link #open()} is called, and refuses connections before: a
 * server that "comes later", for testing that the service recovers when Kafka or Elasticsearch arrives.
 */
public final class Forwarder implements AutoCloseable {
    private final int port;
    private final String targetHost;
    private final int targetPort;
    private ServerSocket server;

    public Forwarder(String target) throws IOException {
        this.port = freePort();
        String hostPort = target.replaceFirst("^https?://", "");
        this.targetHost = hostPort.substring(0, hostPort.lastIndexOf(':'));
        this.targetPort = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1).replace("/", ""));
    }

    public int port() {
        return port;
    }

    public void open() throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread accept = new Thread(this::accept, "forwarder-" + port);
        accept.setDaemon(true);
        accept.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                pipe(client.getInputStream(), upstream.getOutputStream(), client, upstream);
                pipe(upstream.getInputStream(), client.getOutputStream(), client, upstream);
            } catch (IOException e) {
                // closed, or the target refused this one connection
            }
        }
    }

    private static void pipe(InputStream in, OutputStream out, Socket a, Socket b) {
        Thread t = new Thread(() -> {
            try (a; b) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed
            }
        }, "forwarder-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }
}
