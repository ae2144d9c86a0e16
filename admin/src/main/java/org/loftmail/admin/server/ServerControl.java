package org.loftmail.admin.server;

import java.util.List;
import java.util.Map;

/** The running server, for the commands that only make sense there (who, kick, reload, stop, log, stats). */
public interface ServerControl {

    /** One logged-in session. */
    record Session(String user, String service, String remoteIp, String localIp, long connectedAtMillis, long id) {}

    List<Session> sessions();

    /** Disconnects the sessions of users matching the mask and/or from the network; returns the ones ended. */
    List<Session> kick(java.util.function.Predicate<Session> which);

    /** Re-reads the configuration; returns an error message, or null when the new one is running. */
    String reload();

    /** Stops the server (after this command's answer is sent). */
    void stop();

    /** Reopens the log files. */
    void reopenLogs();

    /** The last error and warning lines the server logged (log errors). */
    List<String> recentErrors();

    /** One service of the running server: its listeners and the connections open on them now. */
    record Service(String name, int listeners, int connections) {}

    /** The services with listeners ({@code process status}). */
    List<Service> services();

    /** The counters the server keeps, by name. */
    Map<String, Long> counters();
}
