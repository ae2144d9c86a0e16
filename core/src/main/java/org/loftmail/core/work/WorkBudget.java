package org.loftmail.core.work;

import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * The work one protocol command may do (ADR 0802). Loops over client-chosen amounts of data (LIST's mailboxes times
 * patterns, SEARCH's messages times content) call {@link #spend} with the units they did; the budget bound to the
 * running thread counts them and
 * <ul>
 *   <li>yields the (virtual) thread's carrier every {@link #YIELD_EVERY} units, so a long command never holds a
 *       carrier that other sessions wait for;</li>
 *   <li>at each of those points asks whether the client is still there, and ends the command with
 *       {@link CancelledException} when it is gone;</li>
 *   <li>ends the command with {@link ExceededException} past its limit.</li>
 * </ul>
 * The budget is bound to the thread that runs the command ({@link #run}) rather than passed through the storage API,
 * so backends and matchers that know nothing of sessions can still be metered; with no budget bound (admin tools,
 * delivery) {@link #spend} does nothing.
 */
public final class WorkBudget {

    /** About ten seconds of one core for the cheapest units (a byte compared, a pattern position visited). */
    public static final long COMMAND_LIMIT = 10_000_000_000L;
    /** About a millisecond of work between yields and checks for a departed client. */
    public static final long YIELD_EVERY = 1_000_000L;

    private static final ThreadLocal<WorkBudget> CURRENT = new ThreadLocal<>();

    private final long limit;
    private final BooleanSupplier clientGone;
    private long spent;
    private long nextCheck = YIELD_EVERY;

    public WorkBudget(long limit, BooleanSupplier clientGone) {
        if (limit <= 0) throw new IllegalArgumentException("limit must be positive: " + limit);
        this.limit = limit;
        this.clientGone = clientGone;
    }

    /** Runs {@code work} with this budget bound to the current thread (the previous binding is restored after). */
    public <T> T run(Callable<T> work) throws Exception {
        WorkBudget previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Counts {@code units} of work against the budget bound to this thread, if any. */
    public static void spend(long units) {
        WorkBudget b = CURRENT.get();
        if (b != null) {
            b.charge(units);
        }
    }

    /** The units spent so far. */
    public long spent() {
        return spent;
    }

    public long limit() {
        return limit;
    }

    private void charge(long units) {
        spent += Math.max(0, units);
        if (spent > limit) {
            throw new ExceededException(limit);
        }
        if (spent >= nextCheck) {
            nextCheck = spent + YIELD_EVERY;
            Thread.yield();
            if (clientGone.getAsBoolean()) {
                throw new CancelledException();
            }
        }
    }

    /** The command did more work than one command may. */
    public static final class ExceededException extends RuntimeException {
        public ExceededException(long limit) {
            super("command exceeded its work budget of " + limit + " units");
        }
    }

    /** The client left while its command was running; the work was abandoned. */
    public static final class CancelledException extends RuntimeException {
        public CancelledException() {
            super("client disconnected during the command");
        }
    }
}
