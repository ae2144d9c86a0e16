package org.loftmail.sieve.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.loftmail.core.config.VariableExpander;
import org.loftmail.core.delivery.DeliveryAction;
import org.loftmail.core.delivery.DeliveryFilter;
import org.loftmail.core.delivery.FilterContext;
import org.loftmail.core.delivery.FilterException;
import org.loftmail.core.log.MailLog;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.Namespace;
import org.loftmail.sieve.compile.CompileResult;
import org.loftmail.sieve.compile.SieveCompiler;
import org.loftmail.sieve.compile.SieveScript;
import org.loftmail.sieve.run.Interpreter;
import org.loftmail.sieve.run.RunEnvironment;
import org.loftmail.sieve.run.SieveAction;
import org.loftmail.sieve.run.SieveMail;
import org.loftmail.sieve.run.SieveResult;
import org.loftmail.sieve.run.SieveRuntimeException;
import org.loftmail.sieve.store.ScriptFile;
import org.loftmail.sieve.store.SieveScriptStore;
import org.loftmail.sieve.store.SieveStoreException;
import org.loftmail.sieve.store.SieveStoreSettings;
import org.loftmail.sieve.store.SieveUser;

/**
 * Sieve at delivery (core's {@link DeliveryFilter}), as Pigeonhole's LDA plugin: the sequence sieve_before
 * scripts → the user's active script (else sieve_default) → sieve_after scripts runs while the implicit keep
 * stands; when nothing delivers the message, sieve_discard runs. Each script is compiled once per file version
 * (cached by path and stamp); the user's scripts may use {@code sieve_extensions}, the administrator's also
 * {@code sieve_global_extensions}. Vacation replies and notifications become messages to send. A script that does
 * not compile or fails at run time is a permanent filter failure: the delivery keeps the message in INBOX and
 * logs why.
 */
public final class SieveDeliveryFilter implements DeliveryFilter {

    private record Cached(Object stamp, CompileResult result) {}

    /** One script of the sequence: where it is, and whether it is the user's (restricted extensions). */
    private record Step(Path path, byte[] content, Object stamp, boolean personal) {}

    private final SieveDeliverySettings settings;
    private final SieveCompiler personalCompiler;
    private final SieveCompiler globalCompiler;
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    public SieveDeliveryFilter(SieveDeliverySettings settings) {
        this.settings = settings;
        this.personalCompiler = new SieveCompiler(settings.extensions(), settings.store().maxScriptSize());
        Set<String> all = new HashSet<>(settings.extensions());
        all.addAll(settings.globalExtensions());
        this.globalCompiler = new SieveCompiler(all, settings.store().maxScriptSize());
    }

    @Override
    public List<DeliveryAction> decide(FilterContext ctx) throws FilterException {
        var recipient = ctx.recipient();
        SieveUser user = SieveUser.of(recipient.storage());
        Map<String, String> fields = recipient.userdbFields();
        SieveStoreSettings storeSettings = settings.store();
        if (fields.containsKey("sieve") || fields.containsKey("sieve_dir")) {
            storeSettings = new SieveStoreSettings(fields.getOrDefault("sieve", storeSettings.sieve()),
                    fields.getOrDefault("sieve_dir", storeSettings.sieveDir()), storeSettings.maxScripts(),
                    storeSettings.maxStorage(), storeSettings.maxScriptSize());
        }
        String name = recipient.user();
        int at = name.lastIndexOf('@');
        VariableExpander expander = VariableExpander.builder().set("user", name)
                .set("username", at < 0 ? name : name.substring(0, at))
                .set("domain", at < 0 ? "" : name.substring(at + 1))
                .set("home", user.home().map(Path::toString).orElse("")).set("service", ctx.envelope().service())
                .userdb(fields).build();
        MailLog log = MailLog.of(ctx.envelope().service(), name);
        SieveScriptStore store;
        List<Step> sequence = new ArrayList<>();
        try {
            store = SieveScriptStore.open(storeSettings, user, expander::expand, log);
            for (String location : settings.before()) sequence.addAll(admin(location, expander, user));
            Optional<ScriptFile> active = store.readActive();
            if (active.isPresent()) {
                ScriptFile f = active.get();
                sequence.add(new Step(f.path(), f.content(), f.stamp(), true));
            } else if (!settings.defaultScript().isBlank()) {
                List<Step> d = admin(settings.defaultScript(), expander, user);
                sequence.addAll(d.isEmpty() ? List.of() : List.of(d.get(0)));
            }
            for (String location : settings.after()) sequence.addAll(admin(location, expander, user));
        } catch (SieveStoreException e) {
            throw new FilterException("failed to open the active script: " + e.getMessage(),
                    e.reason() == SieveStoreException.Reason.TEMPORARY, e);
        } catch (IOException e) {
            throw new FilterException("failed to read a script: " + e.getMessage(), true, e);
        }
        if (sequence.isEmpty()) return List.of(DeliveryAction.KEEP);
        SieveMail mail = new SieveMail(ctx.message());
        RunEnvironment env = environment(ctx, user, store, expander);
        List<SieveAction> actions = new ArrayList<>();
        SieveResult last = null;
        for (Step step : sequence) {
            last = run(step, mail, env);
            actions.addAll(last.actions());
            if (!last.implicitKeep()) break;
        }
        if (last.implicitKeep()) {
            actions.add(new SieveAction.Keep(last.keepFlags()));
        } else if (!settings.discard().isBlank() && actions.stream().noneMatch(SieveDeliveryFilter::delivers)) {
            try {
                for (Step step : admin(settings.discard(), expander, user)) {
                    actions.addAll(run(step, mail, env).all());
                    break;
                }
            } catch (IOException e) {
                throw new FilterException("failed to read the discard script: " + e.getMessage(), true, e);
            }
        }
        List<DeliveryAction> out = new ArrayList<>();
        byte[] edited = mail.editedHeader();
        if (edited != null) out.add(new DeliveryAction.ReplaceHeader(edited)); // editheader: before any save
        out.addAll(actions(actions, ctx, user, log));
        return out;
    }

    private static boolean delivers(SieveAction a) {
        return a instanceof SieveAction.Keep || a instanceof SieveAction.FileInto || a instanceof SieveAction.Redirect;
    }

    private List<Step> admin(String location, VariableExpander expander, SieveUser user) throws IOException {
        List<Step> out = new ArrayList<>();
        for (Path p : AdminScripts.sequence(AdminScripts.location(location, expander::expand, user.home()))) {
            var loaded = AdminScripts.read(p, settings.store().maxScriptSize());
            loaded.ifPresent(l -> out.add(new Step(l.path(), l.content(), l.stamp(), false)));
        }
        return out;
    }

    private SieveResult run(Step step, SieveMail mail, RunEnvironment env) throws FilterException {
        SieveScript script = compiled(step.path(), step.content(), step.stamp(), step.personal());
        try {
            return Interpreter.run(script, mail, step.personal() ? env : env.withIncludes(
                    globalIncludes(env.includes())));
        } catch (SieveRuntimeException e) {
            throw new FilterException(step.path() + ": runtime error: " + e.getMessage(), false, e);
        }
    }

    private SieveScript compiled(Path path, byte[] content, Object stamp, boolean personal) throws FilterException {
        Cached c = cache.get(path);
        CompileResult r;
        if (c != null && c.stamp().equals(stamp)) {
            r = c.result();
        } else {
            r = (personal ? personalCompiler : globalCompiler).compile(content);
            if (cache.size() > 100_000) cache.clear();
            cache.put(path, new Cached(stamp, r));
        }
        if (r instanceof CompileResult.Failed f) {
            throw new FilterException(path + ": " + String.join(" ", f.errors().stream().map(Object::toString)
                    .toList()) + " (failed to compile script)", false);
        }
        return ((CompileResult.Compiled) r).script();
    }

    /** Administrator scripts include only global scripts. */
    private static RunEnvironment.Includes globalIncludes(RunEnvironment.Includes all) {
        return (name, global) -> global ? all.find(name, true) : null;
    }

    private RunEnvironment environment(FilterContext ctx, SieveUser user, SieveScriptStore store,
            VariableExpander expander) {
        String delimiter = ctx.recipient().address().delimiter() == '\0' ? settings.recipientDelimiter()
                : String.valueOf(ctx.recipient().address().delimiter());
        Map<String, String> env = Map.of("name", "Loft", "version", "0.1", "location", "MDA", "phase", "during",
                "domain", ctx.recipient().address().domain(), "host", ctx.envelope().hostname(),
                "remote-host", ctx.envelope().heloName(), "remote-ip", ctx.envelope().remoteIp());
        RunEnvironment.Duplicates duplicates = user.home().isEmpty() ? RunEnvironment.Duplicates.NONE
                : (id, seconds, last) -> {
                    try {
                        return new SeenRecords(user.home().get()).checkAndRecord("duplicate\0" + id, seconds,
                                ctx.envelope().arrival().getEpochSecond());
                    } catch (IOException e) {
                        throw new SieveRuntimeException("duplicate: failed to read tracking: " + e.getMessage());
                    }
                };
        RunEnvironment.Includes includes = (scriptName, global) -> {
            try {
                if (global) {
                    if (settings.global().isBlank()) return null;
                    Path dir = AdminScripts.location(settings.global(), expander::expand, user.home());
                    var loaded = AdminScripts.read(dir.resolve(scriptName + ".sieve"),
                            settings.store().maxScriptSize());
                    if (loaded.isEmpty()) return null;
                    return compiled(loaded.get().path(), loaded.get().content(), loaded.get().stamp(), false);
                }
                if (!store.exists(scriptName)) return null;
                ScriptFile f = store.read(scriptName);
                return compiled(f.path(), f.content(), f.stamp(), true);
            } catch (IOException | SieveStoreException e) {
                throw new SieveRuntimeException("include: failed to read script '" + scriptName + "': "
                        + e.getMessage());
            } catch (FilterException e) {
                throw new SieveRuntimeException("include: " + e.getMessage());
            }
        };
        return new RunEnvironment(ctx.envelope().sender(), ctx.recipient().address().address(), delimiter,
                settings.limits(), env, Clock.systemDefaultZone(), includes, duplicates,
                mailbox -> exists(ctx, mailbox), scores());
    }

    private RunEnvironment.Scores scores() {
        ScoreSettings spam = settings.spamtest();
        ScoreSettings virus = settings.virustest();
        return new RunEnvironment.Scores() {
            @Override
            public String spam(SieveMail mail, boolean percent) {
                return spam == null ? null : spam.evaluate(mail, percent);
            }

            @Override
            public String virus(SieveMail mail) {
                return virus == null ? null : virus.evaluate(mail, false);
            }
        };
    }

    private static boolean exists(FilterContext ctx, String mailbox) {
        for (Namespace ns : ctx.storage().namespaces()) {
            try {
                var parsed = ns.parse(mailbox);
                if (parsed.isPresent()) {
                    ctx.storage().mailbox(parsed.get());
                    return true;
                }
            } catch (MailStorageException | RuntimeException e) {
                // not in this namespace
            }
        }
        return false;
    }

    private List<DeliveryAction> actions(List<SieveAction> result, FilterContext ctx, SieveUser user, MailLog log)
            throws FilterException {
        List<DeliveryAction> out = new ArrayList<>();
        for (SieveAction a : result) {
            switch (a) {
                case SieveAction.Keep k -> out.add(new DeliveryAction.Keep(flags(k.flags())));
                case SieveAction.FileInto f -> out.add(new DeliveryAction.FileInto(f.mailbox(), flags(f.flags()),
                        f.create()));
                case SieveAction.Redirect r -> redirect(r, ctx, user, log, out);
                case SieveAction.Discard d -> out.add(DeliveryAction.DISCARD);
                case SieveAction.Reject r -> out.add(new DeliveryAction.Reject(r.reason(), r.ereject()));
                case SieveAction.Vacation v -> vacation(v, ctx, user, log, out);
                case SieveAction.Notify n -> notify(n, ctx, out);
            }
        }
        return out;
    }

    /**
     * A redirect, from the sieve_redirect_envelope_from sender; one already sent for this message (same
     * Message-ID and address, within a day: a retried delivery) is not sent again, as Pigeonhole does.
     */
    private void redirect(SieveAction.Redirect r, FilterContext ctx, SieveUser user, MailLog log,
            List<DeliveryAction> out) throws FilterException {
        String msgid = ctx.message().messageId();
        Runnable onSent = DeliveryAction.NOTHING;
        if (!msgid.isEmpty() && user.home().isPresent()) {
            String id = "redirect\0" + msgid + "\0" + r.address().toLowerCase(java.util.Locale.ROOT);
            SeenRecords seen = new SeenRecords(user.home().get());
            long now = ctx.envelope().arrival().getEpochSecond();
            try {
                if (seen.seen(id, now)) {
                    log.info(line(ctx, "discarded duplicate forward to <" + r.address() + ">"));
                    return;
                }
            } catch (IOException e) {
                throw new FilterException("redirect: failed to track forwards: " + e.getMessage(), true, e);
            }
            onSent = seen.recordLater(id, 86400, now); // only a forward that went out counts
        }
        String mode = settings.redirectEnvelopeFrom();
        String from = switch (mode) {
            case "sender" -> null;
            case "recipient" -> ctx.recipient().address().address();
            case "orig_recipient" -> ctx.recipient().originalAddress();
            case "user_email" -> ctx.recipient().address().withoutDetail();
            case "postmaster" -> postmaster(settings.postmasterAddress(), ctx.recipient().address().domain());
            default -> mode.substring(1, mode.length() - 1);
        };
        // RFC 5228 4.2: a redirect of a message from <> keeps <>
        if (ctx.envelope().sender().isEmpty()) from = "";
        out.add(new DeliveryAction.Redirect(r.address(), from, onSent));
    }

    /** A log line in the delivery's shape: {@code <session>: sieve: msgid=<…>: text}, as Pigeonhole logs it. */
    private static String line(FilterContext ctx, String text) {
        String msgid = ctx.message().messageId();
        return ctx.envelope().sessionId() + ": sieve: msgid=" + (msgid.isEmpty() ? "unspecified" : msgid) + ": "
                + org.loftmail.core.delivery.DeliveryMessage.logSafe(text);
    }

    /** postmaster_address with %d (and %{domain}) as the recipient's domain; the bare address of a From form. */
    static String postmaster(String template, String domain) {
        String a = template.replace("%{domain}", domain).replace("%d", domain).strip();
        if (a.contains("<") && a.endsWith(">")) a = a.substring(a.lastIndexOf('<') + 1, a.length() - 1);
        return a;
    }

    private void vacation(SieveAction.Vacation v, FilterContext ctx, SieveUser user, MailLog log,
            List<DeliveryAction> out) throws FilterException {
        if (user.home().isEmpty()) {
            log.info(line(ctx, "vacation: no home directory to track replies in; not replying"));
            return;
        }
        String[] why = new String[1];
        try {
            DeliveryAction.Send send = VacationReply.decide(v, ctx, settings.vacation(),
                    new SeenRecords(user.home().get()), why);
            if (send != null) out.add(send);
            else log.info(line(ctx, why[0]));
        } catch (IOException e) {
            throw new FilterException("vacation: failed to track replies: " + e.getMessage(), true, e);
        }
    }

    private void notify(SieveAction.Notify n, FilterContext ctx, List<DeliveryAction> out) throws FilterException {
        var r = ctx.recipient();
        try {
            out.addAll(MailtoNotification.build(n, new VacationReply.Input(ctx.envelope().sender(),
                    r.address().address(), r.originalAddress(), ctx.message().header().fields(),
                    ctx.envelope().hostname(), ctx.envelope().arrival()),
                    postmaster(settings.postmasterAddress(), r.address().domain())));
        } catch (IOException e) {
            throw new FilterException("notify: failed to read the message: " + e.getMessage(), true, e);
        }
    }

    static Flags flags(Set<String> names) {
        List<SystemFlag> system = new ArrayList<>();
        List<String> keywords = new ArrayList<>();
        for (String f : names) {
            var sys = SystemFlag.fromImapName(f);
            if (sys.isPresent()) {
                system.add(sys.get());
            } else if (!f.startsWith("\\")) {
                try {
                    keywords.add(Flags.validKeyword(f));
                } catch (IllegalArgumentException e) {
                    // Pigeonhole drops invalid flags too
                }
            }
        }
        return Flags.of(system, keywords);
    }
}
