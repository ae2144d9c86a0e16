package org.loftmail.pop3.codec;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import org.loftmail.transport.Connection;
import org.loftmail.transport.ListenerSpec;

/** A Connection that goes nowhere; subclasses keep or count what is written. */
class RecordingConnectionBase implements Connection {
    @Override
    public void write(byte[] bytes) {}

    @Override
    public boolean flush() {
        return true;
    }

    @Override
    public void startTls() {}

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public boolean canStartTls() {
        return false;
    }

    @Override
    public Optional<X509Certificate> peerCertificate() {
        return Optional.empty();
    }

    @Override
    public void readRaw(long count) {}

    @Override
    public void setIdleTimeout(Duration timeout) {}

    @Override
    public void setMaxLineLength(int bytes) {}

    @Override
    public void close() {}

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public SocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 40000);
    }

    @Override
    public SocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.2", 110);
    }

    @Override
    public String remoteIp() {
        return "127.0.0.1";
    }

    @Override
    public String localIp() {
        return "127.0.0.2";
    }

    @Override
    public int remotePort() {
        return 40000;
    }

    @Override
    public int localPort() {
        return 110;
    }

    @Override
    public ListenerSpec listener() {
        return new ListenerSpec.Inet("pop3", "pop3", "127.0.0.2", 110, false);
    }

    @Override
    public String sessionId() {
        return "test";
    }

    @Override
    public long bytesIn() {
        return 0;
    }

    @Override
    public long bytesOut() {
        return 0;
    }
}

