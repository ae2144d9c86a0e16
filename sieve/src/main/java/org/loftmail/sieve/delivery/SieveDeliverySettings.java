package org.loftmail.sieve.delivery;

import java.util.List;
import java.util.Set;
import org.loftmail.core.config.InvalidSettingException;
import org.loftmail.sieve.run.RunEnvironment;
import org.loftmail.sieve.store.SieveStoreSettings;

/**
 * What Sieve at delivery honours: where personal scripts are (the store's settings), the administrator's scripts
 * ({@code sieve_before}, {@code sieve_before2}…, {@code sieve_after}…, {@code sieve_default}, {@code sieve_discard},
 * and {@code sieve_global} for {@code include :global}), the extensions ({@code sieve_extensions}, and
 * {@code sieve_global_extensions} for the administrator's scripts only), the run limits and the vacation
 * settings, spamtest's and virustest's headers ({@link ScoreSettings}, null when not configured). Locations are
 * templates ({@code %u}, {@code ~}) resolved per user.
 */
public record SieveDeliverySettings(SieveStoreSettings store, Set<String> extensions, Set<String> globalExtensions,
        List<String> before, List<String> after, String defaultScript, String discard, String global,
        RunEnvironment.Limits limits, Vacation vacation, String redirectEnvelopeFrom, String postmasterAddress, String recipientDelimiter,
        ScoreSettings spamtest, ScoreSettings virustest) {

    /**
     * sieve_vacation_dont_check_recipient, sieve_vacation_send_from_recipient (the reply's envelope sender is the
     * recipient instead of {@code <>}), sieve_vacation_use_original_recipient (the original recipient counts as
     * the user's address).
     */
    public record Vacation(boolean dontCheckRecipient, boolean sendFromRecipient, boolean useOriginalRecipient) {}

    /** sieve_redirect_envelope_from's forms. */
    static final java.util.regex.Pattern REDIRECT_FROM = java.util.regex.Pattern.compile(
            "sender|recipient|orig_recipient|user_email|postmaster|<[^<>\\s]*>");

    public SieveDeliverySettings {
        extensions = Set.copyOf(extensions);
        globalExtensions = Set.copyOf(globalExtensions);
        before = List.copyOf(before);
        after = List.copyOf(after);
        if (limits.vacationMaxPeriod() > 0 && limits.vacationMinPeriod() > limits.vacationMaxPeriod()) {
            throw new InvalidSettingException("sieve_vacation_min_period",
                    "sieve_vacation_min_period is longer than sieve_vacation_max_period");
        }
        if (limits.vacationDefaultPeriod() < limits.vacationMinPeriod()) {
            throw new InvalidSettingException("sieve_vacation_default_period",
                    "sieve_vacation_default_period is shorter than sieve_vacation_min_period");
        }
        if (!REDIRECT_FROM.matcher(redirectEnvelopeFrom).matches()) {
            throw new InvalidSettingException("sieve_redirect_envelope_from", "sieve_redirect_envelope_from must be "
                    + "sender, recipient, orig_recipient, user_email, postmaster or <address>: "
                    + redirectEnvelopeFrom);
        }
        for (String test : java.util.List.of("spamtest", "virustest")) {
            boolean enabled = extensions.contains(test) || globalExtensions.contains(test)
                    || test.equals("spamtest") && (extensions.contains("spamtestplus")
                            || globalExtensions.contains("spamtestplus"));
            if (enabled && (test.equals("spamtest") ? spamtest : virustest) == null) {
                throw new InvalidSettingException(extensions.contains(test) || extensions.contains(test + "plus")
                        ? "sieve_extensions" : "sieve_global_extensions", "the " + test + " extension needs "
                        + "sieve_" + test + "_status_header (and its type and maximum) to be configured");
            }
        }
    }
}
