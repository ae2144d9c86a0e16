package org.loftmail.transport;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on virtual threads. While the queue is empty no thread exists,
 * so an idle session costs no thread.
 */
final class SerialExecutor implements Executor {

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (running.compareAndSet(false, true)) {
            Thread.ofVirtual().name("loft-session").start(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
            running.set(false);
            // A task added after the last poll but before the flag was cleared would be stranded without this.
            if (tasks.isEmpty() || !running.compareAndSet(false, true)) {
                return;
            }
        }
    }
}
