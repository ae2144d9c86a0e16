package org.loftmail.maildir;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.MailboxChange;

/**
 * Watches cur/ and new/ of mailboxes that have listeners (IDLE sessions) and tells them when another program
 * (Postfix's local delivery, a shell, another server process) changed something. The listeners then sync;
 * what changed is found by the usual cheap checks. One daemon thread per provider, started on first use.
 */
final class MaildirWatcher implements AutoCloseable {

    private final Map<WatchKey, MaildirState> keys = new ConcurrentHashMap<>();
    private final Map<MaildirState, List<WatchKey>> byState = new ConcurrentHashMap<>();
    private volatile WatchService service;
    private Thread thread;

    synchronized void watch(MaildirState state) {
        if (byState.containsKey(state)) return;
        try {
            if (service == null) {
                service = FileSystems.getDefault().newWatchService();
                thread = Thread.ofPlatform().daemon().name("loft-maildir-watcher").start(this::run);
            }
            WatchKey cur = register(state.paths.cur());
            WatchKey nw = register(state.paths.newDir());
            keys.put(cur, state);
            keys.put(nw, state);
            byState.put(state, List.of(cur, nw));
        } catch (IOException e) {
            // without a watcher, changes by other programs are still found at each sync point
        }
    }

    private WatchKey register(Path dir) throws IOException {
        return dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_MODIFY);
    }

    synchronized void unwatch(MaildirState state) {
        List<WatchKey> ks = byState.remove(state);
        if (ks == null) return;
        for (WatchKey k : ks) {
            k.cancel();
            keys.remove(k);
        }
    }

    private void run() {
        WatchService ws = service;
        while (true) {
            WatchKey key;
            try {
                key = ws.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            key.pollEvents();
            MaildirState state = keys.get(key);
            key.reset();
            if (state != null) state.publish(MailboxChange.Kind.EXTERNAL, UidSet.EMPTY);
        }
    }

    @Override
    public synchronized void close() {
        if (service == null) return;
        try {
            service.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        service = null;
        keys.clear();
        byState.clear();
    }
}
