package org.loftmail.core.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkBudgetTest {

    @Test
    void spendingWithNoBudgetBoundDoesNothing() {
        WorkBudget.spend(Long.MAX_VALUE); // delivery, admin tools: not metered
    }

    @Test
    void aCommandPastItsLimitIsEnded() throws Exception {
        WorkBudget budget = new WorkBudget(10 * WorkBudget.YIELD_EVERY, () -> false);
        assertThatThrownBy(() -> budget.run(() -> {
            for (int i = 0; i < 100; i++) {
                WorkBudget.spend(WorkBudget.YIELD_EVERY / 2);
            }
            return null;
        })).isInstanceOf(WorkBudget.ExceededException.class);
        assertThat(budget.spent()).isGreaterThan(budget.limit()).isLessThanOrEqualTo(budget.limit() + WorkBudget.YIELD_EVERY);
        WorkBudget.spend(Long.MAX_VALUE); // unbound again after the command
    }

    @Test
    void workStopsSoonAfterTheClientLeaves() throws Exception {
        AtomicBoolean gone = new AtomicBoolean();
        AtomicInteger rounds = new AtomicInteger();
        WorkBudget budget = new WorkBudget(Long.MAX_VALUE, gone::get);
        assertThatThrownBy(() -> budget.run(() -> {
            while (true) {
                if (rounds.incrementAndGet() == 5) gone.set(true);
                WorkBudget.spend(1000);
            }
        })).isInstanceOf(WorkBudget.CancelledException.class);
        // noticed at the next check point, at most YIELD_EVERY units later
        assertThat(budget.spent()).isLessThanOrEqualTo(WorkBudget.YIELD_EVERY + 1000);
    }

    @Test
    void bindingsNestAndAreRestored() throws Exception {
        WorkBudget outer = new WorkBudget(1_000, () -> false);
        WorkBudget inner = new WorkBudget(1_000, () -> false);
        outer.run(() -> {
            WorkBudget.spend(10);
            inner.run(() -> {
                WorkBudget.spend(20);
                return null;
            });
            WorkBudget.spend(30);
            return null;
        });
        assertThat(outer.spent()).isEqualTo(40);
        assertThat(inner.spent()).isEqualTo(20);
    }
}
