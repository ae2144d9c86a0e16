package org.loftmail.sieve.testsuite;

import static org.loftmail.sieve.compile.Spec.ArgType.NONE;
import static org.loftmail.sieve.compile.Spec.ArgType.NUMBER;
import static org.loftmail.sieve.compile.Spec.ArgType.STRING;
import static org.loftmail.sieve.compile.Spec.ArgType.STRING_LIST;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.loftmail.sieve.compile.CompileResult;
import org.loftmail.sieve.compile.Instruction;
import org.loftmail.sieve.compile.SieveCompiler;
import org.loftmail.sieve.compile.SieveError;
import org.loftmail.sieve.compile.SieveExtensions;
import org.loftmail.sieve.compile.SieveScript;
import org.loftmail.sieve.compile.Spec;
import org.loftmail.sieve.run.Interpreter;
import org.loftmail.sieve.run.RunEnvironment;
import org.loftmail.sieve.run.SieveAction;
import org.loftmail.sieve.run.SieveMail;
import org.loftmail.sieve.run.SieveResult;
import org.loftmail.sieve.run.SieveRuntimeException;

/**
 * Pigeonhole's {@code vnd.dovecot.testsuite} extension, in test scope, enough to run its {@code .svtest} files
 * against Loft's engine: named tests, test_fail, the message and envelope (test_set, test_message), compiling and
 * running scripts under test (test_script_compile/run, test_error), the result (test_result_action, _execute,
 * _reset), mailboxes (test_mailbox_create) and a few settings (test_config_set/unset/reload).
 */
final class Testsuite implements Interpreter.Extension {

    static final String EXTENSION = "vnd.dovecot.testsuite";

    static final Map<String, Spec> SPECS = new LinkedHashMap<>();

    static {
        add(Spec.command("test", EXTENSION).pos(STRING).block());
        add(Spec.command("test_fail", EXTENSION).pos(STRING));
        add(Spec.command("test_set", EXTENSION).pos(STRING, STRING));
        add(Spec.command("test_message", EXTENSION).commandAndTest().pos(NUMBER).tag("smtp", NONE, null, "src")
                .tag("folder", STRING, null, "src"));
        add(Spec.test("test_result_execute", EXTENSION));
        add(Spec.command("test_result_reset", EXTENSION));
        add(Spec.command("test_result_print", EXTENSION));
        add(Spec.test("test_result_action", EXTENSION).matching().pos(STRING_LIST).tag("index", NUMBER, null));
        add(Spec.test("test_script_compile", EXTENSION).pos(STRING));
        add(Spec.test("test_script_run", EXTENSION).tag("append_result", NONE, null));
        add(Spec.test("test_multiscript", EXTENSION).pos(STRING_LIST));
        add(Spec.test("test_error", EXTENSION).matching().pos(STRING_LIST).tag("index", NUMBER, null));
        add(Spec.command("test_config_set", EXTENSION).pos(STRING, STRING));
        add(Spec.command("test_config_unset", EXTENSION).pos(STRING));
        add(Spec.command("test_config_reload", EXTENSION).tag("extension", STRING, null));
        add(Spec.command("test_mailbox_create", EXTENSION).pos(STRING));
        add(Spec.command("test_binary_save", EXTENSION).pos(STRING));
        add(Spec.command("test_binary_load", EXTENSION).pos(STRING));
    }

    private static void add(Spec.Builder b) {
        Spec s = b.build();
        SPECS.put(s.name(), s);
    }

    /** A failed test_fail: ends the current test. */
    static final class TestFailed extends RuntimeException {
        TestFailed(String message) {
            super(message, null, false, false);
        }
    }

    private final Path dir;
    final List<String> failures = new ArrayList<>();
    int tests;
    private final Map<String, String> config = new HashMap<>();
    private RunEnvironment.Limits limits = RunEnvironment.Limits.DEFAULT;
    private String from = "sender@example.com";
    private String to = "recipient@example.net";
    private String origTo;
    private org.loftmail.sieve.delivery.SeenRecords seen;
    private SieveScript compiled;
    private List<String> errors = List.of();
    private List<SieveAction> result = new ArrayList<>();
    private final Set<String> mailboxes = new LinkedHashSet<>(Set.of("INBOX"));
    private final Map<String, List<byte[]>> folders = new HashMap<>();
    /** A message "sent" by the result: its envelope and content. */
    private record Sent(String from, String to, byte[] message) {}

    private final List<Sent> smtp = new ArrayList<>();
    private final Map<String, SieveScript> binaries = new HashMap<>();

    Testsuite(Path dir) {
        this.dir = dir;
    }

    static Set<String> enabled() {
        Set<String> e = new LinkedHashSet<>(SieveExtensions.SUPPORTED);
        e.add(EXTENSION);
        return e;
    }

    private SieveCompiler compiler() {
        return new SieveCompiler(enabled(), 0, SPECS);
    }

    RunEnvironment environment() {
        return new RunEnvironment(from, to, "+", limits, Map.of("name", "Pigeonhole", "location", "MDA",
                "phase", "during", "domain", "example.net", "host", "mx.example.net"), Clock.systemUTC(),
                (name, global) -> include(name, global), RunEnvironment.Duplicates.NONE,
                m -> mailboxes.stream().anyMatch(x -> x.equalsIgnoreCase(m)), RunEnvironment.Scores.NONE);
    }

    private SieveScript include(String name, boolean global) {
        List<Path> candidates = global
                ? List.of(dir.resolve("included-global").resolve(name + ".sieve"))
                : List.of(dir.resolve("included").resolve(name + ".sieve"), dir.resolve(name + ".sieve"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                try {
                    CompileResult r = compiler().compile(Files.readAllBytes(p));
                    if (r instanceof CompileResult.Compiled c) return c.script();
                    throw new SieveRuntimeException("include: failed to compile " + name);
                } catch (IOException e) {
                    throw new SieveRuntimeException("include: " + e.getMessage());
                }
            }
        }
        return null;
    }

    @Override
    public boolean command(Instruction c, Interpreter run) {
        switch (c.name()) {
            case "test" -> {
                tests++;
                String name = run.expand(c.string(0));
                result = new ArrayList<>();
                run.result(true);
                try {
                    run.execute(c.block());
                } catch (TestFailed f) {
                    failures.add(name + ": " + f.getMessage());
                } catch (SieveRuntimeException e) {
                    failures.add(name + ": runtime error: " + e.getMessage());
                }
            }
            case "test_fail" -> throw new TestFailed(run.expand(c.string(0)));
            case "test_set" -> set(run, run.expand(c.string(0)), run.expand(c.string(1)));
            case "test_message" -> {
                if (!message(c, run)) throw new TestFailed("test_message: no such message");
            }
            case "test_result_reset" -> {
                result = new ArrayList<>();
                run.result(true);
            }
            case "test_result_print" -> { }
            case "test_config_set" -> config.put(run.expand(c.string(0)), run.expand(c.string(1)));
            case "test_config_unset" -> config.remove(run.expand(c.string(0)));
            case "test_config_reload" -> reload();
            case "test_mailbox_create" -> mailboxes.add(run.expand(c.string(0)));
            case "test_binary_save" -> {
                if (compiled != null) binaries.put(run.expand(c.string(0)), compiled);
            }
            case "test_binary_load" -> {
                SieveScript s = binaries.get(run.expand(c.string(0)));
                if (s == null) throw new TestFailed("test_binary_load: no such binary");
                compiled = s;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    public Boolean test(Instruction t, Interpreter run) {
        return switch (t.name()) {
            case "test_message" -> message(t, run);
            case "test_script_compile" -> compile(run.expand(t.string(0)));
            case "test_script_run" -> runScript(run, t.has("append_result"));
            case "test_multiscript" -> multiscript(run, run.expand(t.strings(0)));
            case "test_error" -> {
                Long index = t.tagNumber("index");
                List<String> values = errors;
                if (index != null) {
                    values = index >= 1 && index <= errors.size() ? List.of(errors.get((int) (index - 1)))
                            : List.of();
                }
                yield run.matches(t, values, t.strings(0));
            }
            case "test_result_action" -> {
                List<String> names = new ArrayList<>();
                for (SieveAction a : combined(run, false)) names.add(actionName(a));
                Long index = t.tagNumber("index");
                if (index != null) {
                    names = index >= 1 && index <= names.size() ? List.of(names.get((int) (index - 1))) : List.of();
                }
                yield run.matches(t, names, t.strings(0));
            }
            case "test_result_execute" -> execute(run);
            default -> null;
        };
    }

    private void set(Interpreter run, String what, String value) {
        switch (what.toLowerCase(Locale.ROOT)) {
            case "message" -> {
                SieveMail mail = SieveMail.of(crlf(value).getBytes(StandardCharsets.UTF_8));
                run.mail(mail);
                // as Pigeonhole's test tools do: the envelope follows the new message until set explicitly
                String f = firstAddress(mail, "Return-Path", "Sender", "From");
                String t = firstAddress(mail, "Envelope-To", "Delivered-To", "To");
                from = f == null ? "sender@example.com" : f;
                to = t == null ? "recipient@example.net" : t;
                origTo = null;
                run.envelope(from, to);
            }
            case "envelope.from" -> {
                from = stripBrackets(value);
                run.envelope(from, null);
            }
            case "envelope.to" -> {
                to = stripBrackets(value);
                run.envelope(null, to);
            }
            case "envelope.orig_to" -> origTo = stripBrackets(value);
            case "envelope.auth" -> run.envelopeAuth(value);
            default -> throw new TestFailed("test_set: unknown item " + what);
        }
    }

    private static String firstAddress(SieveMail mail, String... names) {
        for (String name : names) {
            for (var f : mail.header()) {
                if (!f.is(name)) continue;
                for (var a : org.loftmail.core.mime.AddressParser.parse(f.value())) {
                    if (a.addrSpec() != null && !a.isGroupStart()) return a.addrSpec();
                }
            }
        }
        return null;
    }

    private static String stripBrackets(String v) {
        String s = v.strip();
        return s.startsWith("<") && s.endsWith(">") ? s.substring(1, s.length() - 1) : s;
    }

    private static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    private boolean message(Instruction c, Interpreter run) {
        int n = (int) c.number(0);
        byte[] m = null;
        if (c.has("smtp")) {
            if (n >= 0 && n < smtp.size()) {
                Sent sent = smtp.get(n);
                m = sent.message();
                run.envelope(sent.from(), sent.to());
            }
        } else {
            List<byte[]> f = folders.get(folderKey(run.expand(c.tagString("folder"))));
            if (f != null && n >= 0 && n < f.size()) m = f.get(n);
        }
        if (m == null) return false;
        run.mail(SieveMail.of(m));
        return true;
    }

    private boolean compile(String name) {
        Path p = dir.resolve(name);
        try {
            CompileResult r = compiler().compile(Files.readAllBytes(p));
            if (r instanceof CompileResult.Failed f) {
                errors = f.errors().stream().map(SieveError::message).toList();
                compiled = null;
                return false;
            }
            errors = List.of();
            compiled = ((CompileResult.Compiled) r).script();
            return true;
        } catch (IOException e) {
            errors = List.of("failed to read " + name);
            compiled = null;
            return false;
        }
    }

    private boolean runScript(Interpreter run, boolean append) {
        if (compiled == null) return false;
        try {
            SieveResult r = Interpreter.run(compiled, run.mail(), environment(), this);
            if (!append) result = new ArrayList<>();
            result.addAll(r.all());
            errors = List.of();
            return true;
        } catch (SieveRuntimeException e) {
            errors = List.of(e.getMessage());
            return false;
        }
    }

    private boolean multiscript(Interpreter run, List<String> scripts) {
        result = new ArrayList<>();
        SieveResult last = null;
        for (String s : scripts) {
            if (!compile(s)) return false;
            try {
                last = Interpreter.run(compiled, run.mail(), environment(), this);
            } catch (SieveRuntimeException e) {
                errors = List.of(e.getMessage());
                return false;
            }
            result.addAll(last.actions());
            if (!last.implicitKeep()) break;
        }
        if (last != null && last.implicitKeep()) result.add(new SieveAction.Keep(last.keepFlags()));
        return execute(run);
    }

    /** The scripts' results, then the testsuite script's own actions (its implicit keep only when alone). */
    private List<SieveAction> combined(Interpreter run, boolean reset) {
        SieveResult own = run.result(reset);
        if (result.isEmpty()) return own.all();
        List<SieveAction> out = new ArrayList<>();
        Set<String> storedTo = new LinkedHashSet<>();
        List<SieveAction> all = new ArrayList<>(result);
        all.addAll(own.actions());
        for (SieveAction a : all) {
            // stores into one mailbox from several scripts are one action, as in Pigeonhole's merged result
            String box = a instanceof SieveAction.Keep ? "INBOX"
                    : a instanceof SieveAction.FileInto f ? folderKey(f.mailbox()) : null;
            if (box != null && !storedTo.add(box)) continue;
            out.add(a);
        }
        return out;
    }

    private static String actionName(SieveAction a) {
        return switch (a) {
            case SieveAction.Keep k -> "keep";
            case SieveAction.FileInto f -> "store";
            case SieveAction.Redirect r -> "redirect";
            case SieveAction.Discard d -> "discard";
            case SieveAction.Reject r -> "reject";
            case SieveAction.Vacation v -> "vacation";
            case SieveAction.Notify n -> "notify";
        };
    }

    private static String folderKey(String name) {
        return name.equalsIgnoreCase("INBOX") ? "INBOX" : name;
    }

    /** Executes the result: stores into the known mailboxes, sends into the SMTP list. */
    private boolean execute(Interpreter run) {
        byte[] raw = run.mail().editedContent();
        smtp.clear(); // test_message :smtp N counts the messages of this execution
        seen = null; // the suite runs without duplicate tracking between executions
        Set<String> stored = new LinkedHashSet<>();
        for (SieveAction a : combined(run, true)) {
            switch (a) {
                case SieveAction.Keep k -> {
                    if (stored.add("INBOX")) folders.computeIfAbsent("INBOX", x -> new ArrayList<>()).add(raw);
                }
                case SieveAction.FileInto f -> {
                    String box = folderKey(f.mailbox());
                    boolean exists = mailboxes.stream().anyMatch(m -> m.equalsIgnoreCase(box));
                    if (!exists && !f.create()) return false;
                    mailboxes.add(box);
                    if (stored.add(box)) folders.computeIfAbsent(box, x -> new ArrayList<>()).add(raw);
                }
                case SieveAction.Redirect r -> smtp.add(new Sent(from, r.address(), raw));
                case SieveAction.Vacation v -> {
                    var sent = vacation(v, run);
                    if (sent != null) smtp.add(sent);
                }
                case SieveAction.Notify n -> {
                    var in = new org.loftmail.sieve.delivery.VacationReply.Input(from, to,
                            origTo == null ? to : origTo, run.mail().header(), "mx.example.net",
                            java.time.Instant.now());
                    for (var send : org.loftmail.sieve.delivery.MailtoNotification.build(n, in,
                            "postmaster@example.net")) {
                        smtp.add(new Sent(send.envelopeFrom(), send.recipients().get(0), send.message()));
                    }
                }
                case SieveAction.Reject r -> smtp.add(new Sent("", from, ("To: <" + from + ">\r\nSubject: "
                        + "Rejected: \r\nAuto-Submitted: auto-replied (rejected)\r\n\r\n" + r.reason() + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
                case SieveAction.Discard d -> { }
            }
        }
        result = new ArrayList<>();
        return true;
    }

    /** The delivery's own vacation decision and message (VacationReply), with the suite's settings. */
    private Sent vacation(SieveAction.Vacation v, Interpreter run) {
        try {
            if (seen == null) {
                Path home = Files.createTempDirectory("loft-svtest-");
                home.toFile().deleteOnExit();
                seen = new org.loftmail.sieve.delivery.SeenRecords(home);
            }
            var settings = new org.loftmail.sieve.delivery.SieveDeliverySettings.Vacation(
                    bool("sieve_vacation_dont_check_recipient"), bool("sieve_vacation_send_from_recipient"),
                    bool("sieve_vacation_use_original_recipient"));
            var in = new org.loftmail.sieve.delivery.VacationReply.Input(from, to, origTo == null ? to : origTo,
                    run.mail().header(), "mx.example.net", java.time.Instant.now());
            String[] why = new String[1];
            var send = org.loftmail.sieve.delivery.VacationReply.decide(v, in, List.of(), settings, seen, why);
            if (send == null) return null;
            send.onSent().run();
            return new Sent(send.envelopeFrom(), send.recipients().get(0), send.message());
        } catch (IOException e) {
            throw new SieveRuntimeException("vacation: " + e.getMessage());
        }
    }

    private boolean bool(String key) {
        String v = config.get(key);
        return v != null && org.loftmail.core.config.SettingType.parseBool(v.trim());
    }

    private void reload() {
        RunEnvironment.Limits d = RunEnvironment.Limits.DEFAULT;
        limits = new RunEnvironment.Limits(
                (int) number("sieve_max_actions", d.maxActions()), (int) number("sieve_max_redirects",
                        d.maxRedirects()), d.maxIncludeDepth(), d.maxIncludes(), d.maxSteps(), d.maxMillis(),
                seconds("sieve_vacation_min_period", d.vacationMinPeriod()),
                seconds("sieve_vacation_default_period", d.vacationDefaultPeriod()),
                seconds("sieve_vacation_max_period", d.vacationMaxPeriod()));
    }

    private long number(String key, long def) {
        String v = config.get(key);
        if (v == null) return def;
        long n = Long.parseLong(v.trim());
        return n == 0 ? Integer.MAX_VALUE : n;
    }

    private long seconds(String key, long def) {
        String v = config.get(key);
        if (v == null) return def;
        return org.loftmail.core.config.SettingType.parseDuration(v.trim()).toSeconds();
    }
}
