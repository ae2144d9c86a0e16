package org.loftmail.auth.socket;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Runs one connection's requests concurrently, each request's lines in arrival order: a lane per request id, each
 * lane a chain of tasks on virtual threads. At most {@code limit} tasks are queued or running; beyond that
 * {@link #submit} blocks the caller (the connection's reader), so a client that floods requests is slowed down
 * instead of costing unbounded threads.
 */
final class RequestLanes {

    private static final Executor VIRTUAL = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("auth-request-", 0).factory());

    private final Semaphore room;
    /** The last task of each lane with work left. Guarded by {@code this}. */
    private final Map<Long, CompletableFuture<Void>> tails = new HashMap<>();

    RequestLanes(int limit) {
        this.room = new Semaphore(limit);
    }

    /** Runs {@code task} after the earlier tasks of lane {@code id}; blocks while {@code limit} tasks are pending. */
    void submit(long id, Runnable task) throws InterruptedException {
        room.acquire();
        synchronized (this) {
            CompletableFuture<Void> previous = tails.getOrDefault(id, CompletableFuture.completedFuture(null));
            // handle(): a failed task (the protocol catches its own failures; this is belt and braces) must not
            // stop the lane
            CompletableFuture<Void> next = previous.handle((v, e) -> null).thenRunAsync(task, VIRTUAL);
            tails.put(id, next);
            next.whenComplete((v, e) -> finished(id, next));
        }
    }

    private void finished(long id, CompletableFuture<Void> task) {
        synchronized (this) {
            tails.remove(id, task);
        }
        room.release();
    }
}
