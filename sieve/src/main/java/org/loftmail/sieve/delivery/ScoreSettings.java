package org.loftmail.sieve.delivery;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.loftmail.core.config.InvalidSettingException;
import org.loftmail.core.mime.HeaderField;
import org.loftmail.sieve.run.SieveMail;

/**
 * How spamtest or virustest (RFC 5235) reads the scanner's verdict, as Pigeonhole's {@code sieve_spamtest_*} /
 * {@code sieve_virustest_*} settings say: a status header (optionally {@code Header: regex} with the value in
 * group 1), its type ({@code score}: a number against {@code max_value} or {@code max_header}; {@code strlen}:
 * the length of the value, e.g. {@code *****}; {@code text}: the value compared with {@code text_value1}…), and
 * the scale of the result (spamtest 1–10 or a percentage, virustest 1–5). A missing header is "0", not tested.
 */
public record ScoreSettings(String test, String type, String header, Pattern headerRegex, double maxValue,
        String maxHeader, Pattern maxHeaderRegex, Map<Integer, String> textValues) {

    public ScoreSettings {
        textValues = Map.copyOf(textValues);
    }

    /** Parses the settings of one test; null when its status header is not configured. */
    static ScoreSettings parse(String test, String type, String statusHeader, String maxValue, String maxHeader,
            Map<Integer, String> textValues) {
        if (statusHeader.isBlank()) {
            if (!type.isBlank()) {
                throw new InvalidSettingException("sieve_" + test + "_status_header",
                        "sieve_" + test + "_status_type is set, but no sieve_" + test + "_status_header");
            }
            return null;
        }
        String t = type.isBlank() ? "score" : type.trim().toLowerCase(Locale.ROOT);
        if (!List.of("score", "strlen", "text").contains(t)) {
            throw new InvalidSettingException("sieve_" + test + "_status_type",
                    "sieve_" + test + "_status_type must be score, strlen or text: " + type);
        }
        String[] h = splitHeader(test, "status_header", statusHeader);
        double max = 0;
        String[] mh = null;
        if (t.equals("score") || t.equals("strlen")) {
            if (!maxHeader.isBlank()) {
                mh = splitHeader(test, "max_header", maxHeader);
            } else {
                try {
                    max = Double.parseDouble(maxValue.trim());
                } catch (NumberFormatException e) {
                    throw new InvalidSettingException("sieve_" + test + "_max_value", "sieve_" + test
                            + "_max_value must be a number (or set sieve_" + test + "_max_header): " + maxValue);
                }
                if (max <= 0) {
                    throw new InvalidSettingException("sieve_" + test + "_max_value",
                            "sieve_" + test + "_max_value must be positive: " + maxValue);
                }
            }
        } else if (textValues.isEmpty()) {
            throw new InvalidSettingException("sieve_" + test + "_text_value1",
                    "sieve_" + test + "_status_type = text needs sieve_" + test + "_text_value1 and following");
        }
        return new ScoreSettings(test, t, h[0], regex(test, "status_header", h[1]), max,
                mh == null ? null : mh[0], mh == null ? null : regex(test, "max_header", mh[1]), textValues);
    }

    private static String[] splitHeader(String test, String key, String value) {
        int colon = value.indexOf(':');
        String name = (colon < 0 ? value : value.substring(0, colon)).trim();
        String re = colon < 0 ? null : value.substring(colon + 1).trim();
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new InvalidSettingException("sieve_" + test + "_" + key, "invalid header name in sieve_" + test
                    + "_" + key + ": " + value);
        }
        return new String[] {name, re};
    }

    private static Pattern regex(String test, String key, String re) {
        if (re == null || re.isEmpty()) return null;
        try {
            return Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            throw new InvalidSettingException("sieve_" + test + "_" + key, "invalid regular expression in sieve_"
                    + test + "_" + key + ": " + e.getDescription());
        }
    }

    /** The test's value for this message: "0" when untested, else 1..top or (percent) 0..100. */
    String evaluate(SieveMail mail, boolean percent) {
        int top = test.equals("spamtest") ? 10 : 5;
        String status = value(mail, header, headerRegex);
        if (status == null) return "0";
        if (type.equals("text")) {
            for (int i = 0; i <= top; i++) {
                String want = textValues.get(i);
                if (want != null && want.equals(status)) {
                    return percent ? String.valueOf(i == 0 ? 0 : Math.round((i - 1) * 100.0 / (top - 1)))
                            : String.valueOf(i);
                }
            }
            return "0";
        }
        double score;
        if (type.equals("strlen")) {
            score = status.length();
        } else {
            try {
                score = Double.parseDouble(status.trim());
            } catch (NumberFormatException e) {
                return "0";
            }
        }
        double max = maxValue;
        if (maxHeader != null) {
            String m = value(mail, maxHeader, maxHeaderRegex);
            try {
                max = m == null ? 0 : Double.parseDouble(m.trim());
            } catch (NumberFormatException e) {
                max = 0;
            }
            if (max <= 0) return "0";
        }
        double ratio = Math.max(0, Math.min(1, score / max));
        if (percent) return String.valueOf(Math.round(ratio * 100));
        return String.valueOf(1 + Math.round(ratio * (top - 1)));
    }

    private static String value(SieveMail mail, String name, Pattern regex) {
        for (HeaderField f : mail.header()) {
            if (!f.is(name)) continue;
            String v = f.value().strip();
            if (regex == null) return v;
            if (v.length() > 4096) v = v.substring(0, 4096); // the administrator's regex on bounded input
            Matcher m = regex.matcher(v);
            if (!m.find()) return null;
            return m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
        }
        return null;
    }
}
