package org.loftmail.sieve.run;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.loftmail.core.mime.EncodedWords;
import org.loftmail.core.mime.HeaderField;
import org.loftmail.core.mime.MimePart;
import org.loftmail.sieve.compile.Instruction;
import org.loftmail.sieve.compile.SieveExtensions;

/** Evaluates the tests of RFC 5228 section 5 and of the extensions, against the run's message and state. */
final class TestEvaluator {

    private final Interpreter run;

    TestEvaluator(Interpreter run) {
        this.run = run;
    }

    boolean test(Instruction t) {
        run.step();
        return switch (t.name()) {
            case "true" -> true;
            case "false" -> false;
            case "not" -> !test(t.tests().get(0));
            case "allof" -> {
                for (Instruction sub : t.tests()) {
                    if (!test(sub)) yield false;
                }
                yield true;
            }
            case "anyof" -> {
                for (Instruction sub : t.tests()) {
                    if (test(sub)) yield true;
                }
                yield false;
            }
            case "size" -> t.has("over") ? run.mail.size() > t.number(0) : run.mail.size() < t.number(0);
            case "exists" -> {
                for (String name : run.strs(t.strings(0))) {
                    if (fields(t, name).isEmpty()) yield false;
                }
                yield true;
            }
            case "header" -> match(t, headerValues(t, run.strs(t.strings(0))), t.strings(1));
            case "address" -> match(t, addressValues(t, run.strs(t.strings(0))), t.strings(1));
            case "envelope" -> match(t, envelopeValues(t, run.strs(t.strings(0))), t.strings(1));
            case "string" -> {
                List<String> values = new ArrayList<>();
                for (String s : run.strs(t.strings(0))) {
                    if (!s.isEmpty() || t.match().type() != org.loftmail.sieve.compile.Match.Type.COUNT) values.add(s);
                }
                yield match(t, values, t.strings(1));
            }
            case "hasflag" -> {
                List<String> values = new ArrayList<>();
                if (t.positional().get(0) == null) {
                    values.addAll(run.flags);
                } else {
                    for (String v : t.strings(0)) values.addAll(Interpreter.splitFlags(List.of(run.vars.get(v))));
                }
                List<String> keys = run.strs(t.strings(1));
                var type = t.match().type();
                if (type != org.loftmail.sieve.compile.Match.Type.COUNT
                        && type != org.loftmail.sieve.compile.Match.Type.VALUE) {
                    // RFC 5232 section 5: a key naming several flags ("b A") stands for each of them
                    keys = List.copyOf(Interpreter.splitFlags(keys));
                }
                yield KeyMatcher.matches(t.match(), values, keys, run.vars, run.current.requires("variables"));
            }
            // RFC 5173 section 5: the body test never sets match variables
            case "body" -> KeyMatcher.matches(t.match(), bodyValues(t), run.strs(t.strings(0)), run.vars, false);
            case "mailboxexists" -> {
                for (String m : run.strs(t.strings(0))) {
                    if (!run.env.mailboxExists().test(m)) yield false;
                }
                yield true;
            }
            case "date" -> date(t);
            case "currentdate" -> currentdate(t);
            case "ihave" -> {
                for (String ext : run.strs(t.strings(0))) {
                    if (!SieveExtensions.SUPPORTED.contains(ext) && !SieveExtensions.IMPLICIT.contains(ext)) {
                        yield false;
                    }
                }
                yield true;
            }
            case "valid_notify_method" -> {
                for (String m : run.strs(t.strings(0))) {
                    String lower = m.toLowerCase(Locale.ROOT);
                    if (!lower.startsWith("mailto:") || !org.loftmail.sieve.compile.Addresses.validMailbox(
                            java.net.URLDecoder.decode(lower.substring(7).split("\\?")[0],
                                    java.nio.charset.StandardCharsets.UTF_8))) {
                        yield false;
                    }
                }
                yield true;
            }
            case "notify_method_capability" -> {
                String uri = run.str(t.string(0));
                String cap = run.str(t.string(1)).toLowerCase(Locale.ROOT);
                if (!uri.toLowerCase(Locale.ROOT).startsWith("mailto:") || !cap.equals("online")) yield false;
                yield match(t, List.of("maybe"), t.strings(2));
            }
            case "environment" -> {
                String item = run.str(t.string(0)).toLowerCase(Locale.ROOT);
                String value = run.env.environment().get(item);
                yield value != null && match(t, List.of(value), t.strings(1));
            }
            case "duplicate" -> duplicate(t);
            case "spamtest" -> {
                String score = run.env.scores().spam(run.mail, t.has("percent"));
                yield score != null && match(t, List.of(score), List.of(t.string(0)));
            }
            case "virustest" -> {
                String score = run.env.scores().virus(run.mail);
                yield score != null && match(t, List.of(score), List.of(t.string(0)));
            }
            default -> {
                Boolean r = run.extensionTest(t);
                if (r == null) throw new SieveRuntimeException("test '" + t.name() + "' cannot be evaluated");
                yield r;
            }
        };
    }

    private boolean match(Instruction t, List<String> values, List<String> keys) {
        return KeyMatcher.matches(t.match(), values, run.strs(keys), run.vars,
                run.current.requires("variables"));
    }

    /** The header fields a test reads: the message's, or with :mime the current part's (or every part's). */
    private List<HeaderField> fields(Instruction t, String name) {
        List<HeaderField> out = new ArrayList<>();
        if (t.has("mime") && (t.has("anychild") || run.currentPart != null)) {
            List<MimePart> parts = new ArrayList<>();
            if (t.has("anychild")) {
                parts.addAll(run.mail.parts());
            } else {
                parts.add(run.currentPart);
            }
            for (MimePart p : parts) out.addAll(p.header().all(name));
        } else {
            for (HeaderField f : run.mail.header()) {
                if (f.is(name)) out.add(f);
            }
        }
        Long index = t.tagNumber("index");
        if (index != null) {
            int n = (int) Math.min(index, Integer.MAX_VALUE);
            if (n < 1 || n > out.size()) return List.of();
            return List.of(t.has("last") ? out.get(out.size() - n) : out.get(n - 1));
        }
        return out;
    }

    private List<String> headerValues(Instruction t, List<String> names) {
        List<String> values = new ArrayList<>();
        for (String name : names) {
            for (HeaderField f : fields(t, name)) {
                String v = EncodedWords.decode(f.value()).strip();
                if (t.has("type") || t.has("subtype") || t.has("contenttype") || t.has("param")) {
                    values.addAll(mimeOption(t, v));
                } else {
                    values.add(v);
                }
            }
        }
        return values;
    }

    private List<String> mimeOption(Instruction t, String value) {
        String[] pieces = value.split(";");
        String type = pieces[0].trim().toLowerCase(Locale.ROOT);
        int slash = type.indexOf('/');
        if (t.has("type")) return List.of(slash < 0 ? type : type.substring(0, slash));
        if (t.has("subtype")) return List.of(slash < 0 ? "" : type.substring(slash + 1));
        if (t.has("contenttype")) return List.of(type);
        List<String> out = new ArrayList<>();
        List<String> wanted = run.strs(t.tagList("param"));
        for (int i = 1; i < pieces.length; i++) {
            int eq = pieces[i].indexOf('=');
            if (eq < 0) continue;
            String name = pieces[i].substring(0, eq).trim();
            String v = pieces[i].substring(eq + 1).trim();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
            for (String w : wanted) {
                if (w.equalsIgnoreCase(name)) out.add(v);
            }
        }
        return out;
    }

    private List<String> addressValues(Instruction t, List<String> names) {
        List<String> values = new ArrayList<>();
        for (String name : names) {
            for (HeaderField f : fields(t, name)) {
                values.addAll(Addresses.values(f.value(), t.addressPart(), run.env.delimiters()));
            }
        }
        return values;
    }

    private List<String> envelopeValues(Instruction t, List<String> names) {
        List<String> values = new ArrayList<>();
        for (String name : names) {
            String address = switch (name.toLowerCase(Locale.ROOT)) {
                case "from" -> run.envelopeFrom;
                case "to" -> run.envelopeTo;
                case "auth" -> run.envelopeAuth;
                default -> null;
            };
            if (address == null) continue;
            boolean auth = name.equalsIgnoreCase("auth");
            if (!auth && !address.isEmpty() && !validPath(address)) continue; // matched by no address part
            if (address.isEmpty()) {
                values.add(""); // the null reverse path: every address part of it is ""
                continue;
            }
            String part = Addresses.part(address, t.addressPart(), run.env.delimiters());
            if (part != null) values.add(part);
        }
        return values;
    }

    private static boolean validPath(String address) {
        int at = address.lastIndexOf('@');
        return at > 0 && at < address.length() - 1 && address.chars().noneMatch(c -> c <= ' ' || c == '<' || c == '>');
    }

    private List<String> bodyValues(Instruction t) {
        if (t.has("raw")) {
            // a message without a body has no body to match, not an empty one
            return run.mail.mime().root().bodySpan().rawSize() == 0 ? List.of() : List.of(run.mail.rawBody());
        }
        List<String> types = t.has("content") ? run.strs(t.tagList("content")) : List.of("text");
        List<String> out = new ArrayList<>();
        for (MimePart p : run.mail.parts()) {
            if (p.fields().isMultipart() || p.message() != null && !p.children().isEmpty()) continue;
            String type = p.fields().type().toLowerCase(Locale.ROOT);
            String full = type + "/" + p.fields().subtype().toLowerCase(Locale.ROOT);
            for (String want : types) {
                String w = want.toLowerCase(Locale.ROOT);
                if (w.isEmpty() || w.equals(type) || w.equals(full)) {
                    String text = run.mail.text(p);
                    // :text reads text/html as the text a reader sees, without markup (as Pigeonhole does)
                    out.add(!t.has("content") && full.equals("text/html") ? HtmlText.strip(text) : text);
                    break;
                }
            }
        }
        return out;
    }

    private boolean date(Instruction t) {
        List<HeaderField> fields = fields(t, run.str(t.string(0)));
        List<String> values = new ArrayList<>();
        String part = run.str(t.string(1));
        for (HeaderField f : fields) {
            String v = f.value();
            if (t.string(0).equalsIgnoreCase("received")) v = v.substring(v.lastIndexOf(';') + 1);
            ZonedDateTime d = DateParts.parse(v);
            if (d == null) continue;
            if (t.has("zone")) {
                ZoneOffset zone = DateParts.offset(run.str(t.tagString("zone")));
                if (zone == null) continue;
                d = d.withZoneSameInstant(zone);
            } else if (!t.has("originalzone")) {
                d = d.withZoneSameInstant(localZone());
            }
            String p = DateParts.part(d, part);
            if (p != null) values.add(p);
        }
        return match(t, values, t.strings(2));
    }

    private boolean currentdate(Instruction t) {
        ZonedDateTime now = ZonedDateTime.now(run.env.clock());
        if (t.has("zone")) {
            ZoneOffset zone = DateParts.offset(run.str(t.tagString("zone")));
            if (zone == null) return false;
            now = now.withZoneSameInstant(zone);
        } else {
            now = now.withZoneSameInstant(localZone());
        }
        String p = DateParts.part(now, run.str(t.string(0)));
        return p != null && match(t, List.of(p), t.strings(1));
    }

    private java.time.ZoneId localZone() {
        return run.env.clock().getZone();
    }

    private boolean duplicate(Instruction t) {
        String id;
        if (t.has("uniqueid")) {
            id = run.str(t.tagString("uniqueid"));
        } else {
            String header = t.has("header") ? run.str(t.tagString("header")) : "Message-ID";
            List<HeaderField> f = fields(t, header);
            if (f.isEmpty()) return false;
            id = f.get(0).value().strip();
        }
        String handle = t.has("handle") ? run.str(t.tagString("handle")) : "";
        long seconds = t.has("seconds") ? t.tagNumber("seconds") : 14 * 86400;
        return run.env.duplicates().seen(handle + "\0" + id, seconds, t.has("last"));
    }
}
