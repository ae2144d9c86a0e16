package org.loftmail.sieve.delivery;

import java.util.Set;
import org.loftmail.core.config.InvalidSettingException;
import org.loftmail.sieve.run.RunEnvironment;
import org.loftmail.sieve.store.SieveStoreSettings;

/**
 * What Sieve at delivery honours: where scripts are (the store's settings), the enabled extensions
 * ({@code sieve_extensions}), the run limits ({@code sieve_max_actions}, {@code sieve_max_redirects},
 * {@code sieve_max_script_size}) and the vacation periods ({@code sieve_vacation_*_period},
 * {@code sieve_vacation_dont_check_recipient}).
 */
public record SieveDeliverySettings(SieveStoreSettings store, Set<String> extensions, RunEnvironment.Limits limits,
        boolean vacationDontCheckRecipient, String recipientDelimiter) {

    public SieveDeliverySettings {
        extensions = Set.copyOf(extensions);
        if (limits.vacationMaxPeriod() > 0 && limits.vacationMinPeriod() > limits.vacationMaxPeriod()) {
            throw new InvalidSettingException("sieve_vacation_min_period",
                    "sieve_vacation_min_period is longer than sieve_vacation_max_period");
        }
        if (limits.vacationDefaultPeriod() < limits.vacationMinPeriod()) {
            throw new InvalidSettingException("sieve_vacation_default_period",
                    "sieve_vacation_default_period is shorter than sieve_vacation_min_period");
        }
    }
}
