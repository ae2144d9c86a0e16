package org.loftmail.transport;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One listener: TCP ({@code inet_listener}: address and port, implicit TLS or not) or a unix socket
 * ({@code unix_listener}: path, mode, owner). A port of 0 is never passed here: Dovecot's {@code port = 0}
 * disables a listener before it reaches the transport. (Tests ask for an ephemeral port with {@link #EPHEMERAL}.)
 */
public sealed interface ListenerSpec {

    int EPHEMERAL = -1;

    String service();

    String name();

    record Inet(String service, String name, String address, int port, boolean implicitTls) implements ListenerSpec {
        public Inet {
            Objects.requireNonNull(service);
            Objects.requireNonNull(name);
            Objects.requireNonNull(address);
            if (port != EPHEMERAL && (port < 1 || port > 65535)) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }

    /** {@code mode} is octal permission bits (0666); user/group may be empty for "leave as is". */
    record Unix(String service, String name, Path path, int mode, String user, String group) implements ListenerSpec {
        public Unix {
            Objects.requireNonNull(service);
            Objects.requireNonNull(path);
            if (mode < 0 || mode > 07777) {
                throw new IllegalArgumentException("mode out of range: " + Integer.toOctalString(mode));
            }
            user = user == null ? "" : user;
            group = group == null ? "" : group;
        }

        @Override
        public String name() {
            return path.toString();
        }
    }
}
