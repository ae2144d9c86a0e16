package org.loftmail.sieve.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.loftmail.core.mime.MimePart;
import org.loftmail.sieve.compile.Addresses;
import org.loftmail.sieve.compile.Instruction;
import org.loftmail.sieve.compile.SieveScript;

/**
 * Runs a compiled script against one message (RFC 5228 section 2.10): commands in order, if/elsif/else, stop,
 * the implicit keep, the RFC's rules for duplicate and conflicting actions, and every extension's commands.
 * Bounded: actions and redirects (sieve_max_actions, sieve_max_redirects), include depth and count, evaluation
 * steps and wall time. A failure is a {@link SieveRuntimeException}; the delivery then keeps the message.
 */
public final class Interpreter {

    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private static final class Return extends RuntimeException {
        Return() {
            super(null, null, false, false);
        }
    }

    private static final class Break extends RuntimeException {
        final String name;

        Break(String name) {
            super(null, null, false, false);
            this.name = name;
        }
    }

    /**
     * Commands and tests of an extension outside the engine, declared to the compiler with their {@code Spec}s:
     * the test-scope {@code vnd.dovecot.testsuite} that runs Pigeonhole's own test files.
     */
    public interface Extension {
        /** Runs a command the engine does not know; false when this extension does not know it either. */
        boolean command(Instruction c, Interpreter run);

        /** Evaluates a test the engine does not know; null when this extension does not know it either. */
        Boolean test(Instruction t, Interpreter run);
    }

    SieveMail mail;
    String envelopeFrom;
    String envelopeTo;
    String envelopeAuth;
    private Extension extension;
    final RunEnvironment env;
    final Variables globals;
    Variables vars;
    SieveScript current;
    final Set<String> flags = new LinkedHashSet<>();
    private final List<SieveAction> actions = new ArrayList<>();
    private final Set<String> redirected = new HashSet<>();
    /** Mailboxes already stored into (INBOX for keep): a second store there is the same action (RFC 5228 4.4). */
    private final Set<String> stored = new HashSet<>();
    private boolean implicitKeep = true;
    private boolean explicitKeep;
    private int actionCount;
    private int includeDepth;
    private int includes;
    private final Set<String> includedOnce = new HashSet<>();
    private long steps;
    private final long deadline;
    MimePart currentPart;
    private final List<String> loopNames = new ArrayList<>();
    private final TestEvaluator tests;

    private Interpreter(SieveMail mail, RunEnvironment env) {
        this.mail = mail;
        this.env = env;
        this.envelopeFrom = env.envelopeFrom();
        this.envelopeTo = env.envelopeTo();
        this.globals = new Variables(env.environment());
        this.vars = new Variables(env.environment(), globals);
        this.deadline = System.nanoTime() + env.limits().maxMillis() * 1_000_000L;
        this.tests = new TestEvaluator(this);
    }

    /** Runs {@code script}; throws {@link SieveRuntimeException} when it fails. */
    public static SieveResult run(SieveScript script, SieveMail mail, RunEnvironment env) {
        return run(script, mail, env, null);
    }

    /** Runs {@code script} with the commands and tests of {@code extension} available. */
    public static SieveResult run(SieveScript script, SieveMail mail, RunEnvironment env, Extension extension) {
        Interpreter i = new Interpreter(mail, env);
        i.extension = extension;
        i.current = script;
        try {
            i.block(script.commands());
        } catch (Stop | Return e) {
            // stop ends the whole run; return at top level too
        } catch (Break e) {
            throw new SieveRuntimeException("break outside a foreverypart loop");
        } catch (java.io.UncheckedIOException e) {
            throw new SieveRuntimeException("failed to read the message: " + e.getCause().getMessage());
        }
        return i.result();
    }

    private SieveResult result() {
        List<SieveAction> out = new ArrayList<>(actions);
        boolean reject = out.stream().anyMatch(a -> a instanceof SieveAction.Reject);
        if (reject) {
            for (SieveAction a : out) {
                if (a instanceof SieveAction.Keep || a instanceof SieveAction.FileInto
                        || a instanceof SieveAction.Redirect || a instanceof SieveAction.Vacation) {
                    throw new SieveRuntimeException("reject action conflicts with other action: the "
                            + name(a) + " action");
                }
            }
        }
        return new SieveResult(out, implicitKeep && !explicitKeep && !reject, flags);
    }

    private static String name(SieveAction a) {
        return switch (a) {
            case SieveAction.Keep k -> "keep";
            case SieveAction.FileInto f -> "fileinto";
            case SieveAction.Redirect r -> "redirect";
            case SieveAction.Vacation v -> "vacation";
            default -> a.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        };
    }

    void step() {
        if (++steps > env.limits().maxSteps()) {
            throw new SieveRuntimeException("execution exceeded the step limit (" + env.limits().maxSteps() + ")");
        }
        if ((steps & 0xff) == 0 && System.nanoTime() > deadline) {
            throw new SieveRuntimeException("execution exceeded the CPU time limit (" + env.limits().maxMillis()
                    + " ms)");
        }
    }

    String str(String s) {
        return current.requires("variables") ? vars.expand(s) : s;
    }

    List<String> strs(List<String> list) {
        if (list == null) return null;
        if (!current.requires("variables")) return list;
        List<String> out = new ArrayList<>(list.size());
        for (String s : list) out.add(vars.expand(s));
        return out;
    }

    private void block(List<Instruction> commands) {
        for (int i = 0; i < commands.size(); i++) {
            Instruction c = commands.get(i);
            if (c.name().equals("if")) {
                int end = i + 1;
                while (end < commands.size() && (commands.get(end).name().equals("elsif")
                        || commands.get(end).name().equals("else"))) {
                    end++;
                    if (commands.get(end - 1).name().equals("else")) break;
                }
                for (int b = i; b < end; b++) {
                    Instruction branch = commands.get(b);
                    step();
                    if (branch.name().equals("else") || tests.test(branch.tests().get(0))) {
                        block(branch.block());
                        break;
                    }
                }
                i = end - 1;
                continue;
            }
            command(c);
        }
    }

    private void command(Instruction c) {
        step();
        switch (c.name()) {
            case "stop" -> throw new Stop();
            case "keep" -> {
                explicitKeep = true;
                implicitKeep = false;
                if (stored.add("INBOX")) add(new SieveAction.Keep(flagsFor(c)));
            }
            case "discard" -> {
                implicitKeep = false;
                if (actions.stream().noneMatch(a -> a instanceof SieveAction.Discard)) {
                    actions.add(new SieveAction.Discard());
                }
            }
            case "fileinto" -> {
                String mailbox = str(c.string(0));
                if (mailbox.isEmpty() || mailbox.length() > 1024 || mailbox.indexOf('\0') >= 0) {
                    throw new SieveRuntimeException("fileinto: invalid mailbox name '" + printable(mailbox) + "'");
                }
                if (!c.has("copy")) implicitKeep = false;
                String key = mailbox.equalsIgnoreCase("INBOX") ? "INBOX" : mailbox;
                if (stored.add(key)) add(new SieveAction.FileInto(mailbox, flagsFor(c), c.has("create")));
            }
            case "redirect" -> redirect(c);
            case "reject", "ereject" -> {
                implicitKeep = false;
                add(new SieveAction.Reject(str(c.string(0)), c.name().equals("ereject")));
            }
            case "vacation" -> vacation(c);
            case "setflag", "addflag", "removeflag" -> flagCommand(c);
            case "set" -> {
                String value = Variables.modify(str(c.string(1)), c::has);
                setVariable(c.string(0), value);
            }
            case "include" -> include(c);
            case "return" -> throw new Return();
            case "global" -> {
                for (String name : c.strings(0)) vars.declareGlobal(name);
            }
            case "notify" -> notify(c);
            case "error" -> throw new SieveRuntimeException("script error: " + str(c.string(0)));
            case "foreverypart" -> foreverypart(c);
            case "break" -> throw new Break(c.tagString("name"));
            case "extracttext" -> extracttext(c);
            case "addheader" -> EditHeader.add(mail, str(c.string(0)), str(c.string(1)), c.has("last"));
            case "deleteheader" -> EditHeader.delete(this, c);
            default -> {
                if (extension == null || !extension.command(c, this)) {
                    throw new SieveRuntimeException("command '" + c.name() + "' cannot be executed here");
                }
            }
        }
    }

    // ---- for extensions ------------------------------------------------------------------------------------

    /** Runs a block of commands (stop still ends the whole run). */
    public void execute(List<Instruction> commands) {
        block(commands);
    }

    public boolean evaluate(Instruction test) {
        return tests.test(test);
    }

    /** A string argument with variables expanded (when the script requires variables). */
    public String expand(String s) {
        return str(s);
    }

    public List<String> expand(List<String> list) {
        return strs(list);
    }

    public SieveMail mail() {
        return mail;
    }

    /** Replaces the message later tests read. */
    public void mail(SieveMail replacement) {
        mail = replacement;
    }

    /** The authenticated user the envelope test's "auth" part reports (RFC 5228 section 5.4), or null. */
    public void envelopeAuth(String auth) {
        envelopeAuth = auth;
    }

    public void envelope(String from, String to) {
        if (from != null) envelopeFrom = from;
        if (to != null) envelopeTo = to;
    }

    /** Compares with {@code t}'s match type and comparator, setting match variables like any test. */
    public boolean matches(Instruction t, List<String> values, List<String> keys) {
        return KeyMatcher.matches(t.match(), values, strs(keys), vars, current.requires("variables"));
    }

    /**
     * The actions so far and the implicit keep, as {@link #run} would return them now; with {@code reset} the run
     * starts a fresh result (the testsuite's per-test results).
     */
    public SieveResult result(boolean reset) {
        SieveResult r = result();
        if (reset) {
            actions.clear();
            redirected.clear();
            stored.clear();
            implicitKeep = true;
            explicitKeep = false;
            actionCount = 0;
        }
        return r;
    }

    Boolean extensionTest(Instruction t) {
        return extension == null ? null : extension.test(t, this);
    }

    void setVariable(String name, String value) {
        vars.set(name, value);
    }

    private void add(SieveAction a) {
        if (++actionCount > env.limits().maxActions()) {
            throw new SieveRuntimeException("total number of actions exceeds policy limit (" + actionCount + " > "
                    + env.limits().maxActions() + ")");
        }
        actions.add(a);
    }

    private Set<String> flagsFor(Instruction c) {
        List<String> given = strs(c.tagList("flags"));
        if (given == null) return Set.copyOf(flags);
        return Set.copyOf(splitFlags(given));
    }

    static Set<String> splitFlags(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            for (String f : v.trim().split("\\s+")) {
                if (!f.isEmpty()) out.add(f);
            }
        }
        return out;
    }

    private void flagCommand(Instruction c) {
        Set<String> target;
        String variable = c.positional().get(0) == null ? null : c.string(0);
        if (variable == null) {
            target = flags;
        } else {
            target = splitFlags(List.of(vars.get(variable)));
        }
        Set<String> given = splitFlags(strs(c.strings(1)));
        switch (c.name()) {
            case "setflag" -> {
                target.clear();
                target.addAll(given);
            }
            case "addflag" -> {
                for (String f : given) {
                    if (target.stream().noneMatch(x -> x.equalsIgnoreCase(f))) target.add(f);
                }
            }
            default -> target.removeIf(x -> given.stream().anyMatch(x::equalsIgnoreCase));
        }
        if (variable != null) setVariable(variable, String.join(" ", target));
    }

    private void redirect(Instruction c) {
        String to = str(c.string(0));
        String bare = Addresses.normalize(to);
        if (bare == null) {
            throw new SieveRuntimeException("specified redirect address '" + printable(to) + "' is invalid");
        }
        if (!c.has("copy")) implicitKeep = false;
        if (!redirected.add(bare.toLowerCase(Locale.ROOT))) return; // a duplicate redirect is one
        if (redirected.size() > env.limits().maxRedirects()) {
            throw new SieveRuntimeException("number of redirect actions exceeds policy limit ("
                    + redirected.size() + " > " + env.limits().maxRedirects() + ")");
        }
        add(new SieveAction.Redirect(bare));
    }

    private void vacation(Instruction c) {
        if (actions.stream().anyMatch(a -> a instanceof SieveAction.Vacation)) {
            throw new SieveRuntimeException("duplicate vacation action not allowed");
        }
        RunEnvironment.Limits l = env.limits();
        long period;
        if (c.has("seconds")) period = c.tagNumber("seconds");
        else if (c.has("days")) period = c.tagNumber("days") * 86400;
        else period = l.vacationDefaultPeriod();
        if (period < l.vacationMinPeriod() && !(c.has("seconds") && period == 0 && l.vacationMinPeriod() == 0)) {
            period = l.vacationMinPeriod();
        }
        if (l.vacationMaxPeriod() > 0 && period > l.vacationMaxPeriod()) period = l.vacationMaxPeriod();
        String reason = str(c.string(0));
        String handle = c.has("handle") ? str(c.tagString("handle"))
                : reason + "\0" + c.tagString("subject") + "\0" + c.tagString("from") + "\0" + c.tagList("addresses");
        add(new SieveAction.Vacation(reason, period, c.has("subject") ? str(c.tagString("subject")) : null,
                c.has("from") ? str(c.tagString("from")) : null,
                c.has("addresses") ? strs(c.tagList("addresses")) : List.of(), c.has("mime"), handle));
    }

    private void notify(Instruction c) {
        String method = str(c.string(0));
        if (!method.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
            throw new SieveRuntimeException("notify action: invalid or unsupported notification method '"
                    + printable(method) + "'");
        }
        String importance = c.has("importance") ? str(c.tagString("importance")) : "2";
        add(new SieveAction.Notify(method, c.has("from") ? str(c.tagString("from")) : null, importance,
                c.has("options") ? strs(c.tagList("options")) : List.of(),
                c.has("message") ? str(c.tagString("message")) : null));
    }

    private void include(Instruction c) {
        String name = str(c.string(0));
        boolean global = c.has("global");
        String key = (global ? "global:" : "personal:") + name;
        // :once skips a script already included in this run, with or without :once (RFC 6609 section 3.2)
        if (!includedOnce.add(key) && c.has("once")) return;
        if (includeDepth + 1 > env.limits().maxIncludeDepth()) {
            throw new SieveRuntimeException("include: maximum nesting depth (" + env.limits().maxIncludeDepth()
                    + ") exceeded by '" + printable(name) + "'");
        }
        if (++includes > env.limits().maxIncludes()) {
            throw new SieveRuntimeException("include: too many included scripts (at most "
                    + env.limits().maxIncludes() + ")");
        }
        SieveScript script = env.includes().find(name, global);
        if (script == null) {
            if (c.has("optional")) return;
            throw new SieveRuntimeException("include: script '" + printable(name) + "' not found");
        }
        SieveScript outer = current;
        Variables outerVars = vars;
        includeDepth++;
        current = script;
        vars = new Variables(env.environment(), globals);
        try {
            block(script.commands());
        } catch (Return r) {
            // back to the including script
        } finally {
            current = outer;
            vars = outerVars;
            includeDepth--;
        }
    }

    private void foreverypart(Instruction c) {
        String name = c.tagString("name");
        MimePart outer = currentPart;
        List<MimePart> parts = new ArrayList<>();
        // RFC 5703 section 3: the outermost loop visits the message itself, then every part depth first;
        // a nested loop visits the parts below the enclosing loop's current part
        if (outer == null) parts.add(mail.mime().root());
        collect(outer == null ? mail.mime().root() : outer, parts);
        if (loopNames.size() >= 32) throw new SieveRuntimeException("foreverypart: loops nested too deep");
        loopNames.add(name);
        try {
            for (MimePart p : parts) {
                currentPart = p;
                try {
                    block(c.block());
                } catch (Break b) {
                    if (b.name == null || b.name.equals(name)) break;
                    throw b;
                }
            }
        } finally {
            currentPart = outer;
            loopNames.remove(loopNames.size() - 1);
        }
    }

    private static void collect(MimePart p, List<MimePart> out) {
        for (MimePart child : p.children()) {
            out.add(child);
            collect(child, out);
        }
        if (p.message() != null) {
            out.add(p.message());
            collect(p.message(), out);
        }
    }

    private void extracttext(Instruction c) {
        if (currentPart == null) {
            throw new SieveRuntimeException("extracttext action used outside a foreverypart loop");
        }
        String text = currentPart.fields().isText() ? mail.text(currentPart) : "";
        if ("html".equalsIgnoreCase(currentPart.fields().subtype())) text = HtmlText.strip(text);
        Long first = c.tagNumber("first");
        if (first != null && text.length() > first) text = text.substring(0, (int) Math.min(first, text.length()));
        setVariable(c.string(0), Variables.modify(text, c::has));
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 200; i++) {
            char ch = s.charAt(i);
            b.append(ch < 0x20 || ch == 0x7f ? '?' : ch);
        }
        return b.toString();
    }

    Map<String, String> environment() {
        return env.environment() == null ? new HashMap<>() : env.environment();
    }
}
