package org.loftmail.sieve.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.loftmail.sieve.run.Interpreter;
import org.loftmail.sieve.run.RunEnvironment;
import org.loftmail.sieve.run.SieveAction;
import org.loftmail.sieve.run.SieveMail;
import org.loftmail.sieve.run.SieveResult;
import org.loftmail.sieve.run.SieveRuntimeException;
import org.loftmail.sieve.store.ScriptFile;
import org.loftmail.sieve.store.ScriptStamp;
import org.loftmail.sieve.store.SieveScriptStore;
import org.loftmail.sieve.store.SieveStoreException;
import org.loftmail.sieve.store.SieveStoreSettings;
import org.loftmail.sieve.store.SieveUser;

/**
 * Sieve at delivery (core's {@link DeliveryFilter}): reads the recipient's active script through the script store,
 * compiles it once per file version (cached by path and stamp), runs it, and turns its result into delivery
 * actions; vacation replies and notifications become messages to send. A script that does not compile or fails
 * at run time is a permanent filter failure: the delivery keeps the message in INBOX and logs why.
 */
public final class SieveDeliveryFilter implements DeliveryFilter {

    private record Cached(ScriptStamp stamp, CompileResult result) {}

    private final SieveDeliverySettings settings;
    private final SieveCompiler compiler;
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    public SieveDeliveryFilter(SieveDeliverySettings settings) {
        this.settings = settings;
        this.compiler = new SieveCompiler(settings.extensions(), settings.store().maxScriptSize());
    }

    @Override
    public List<DeliveryAction> decide(FilterContext ctx) throws FilterException {
        var recipient = ctx.recipient();
        SieveUser user = SieveUser.of(recipient.storage());
        Map<String, String> fields = recipient.userdbFields();
        SieveStoreSettings store = settings.store();
        if (fields.containsKey("sieve") || fields.containsKey("sieve_dir")) {
            store = new SieveStoreSettings(fields.getOrDefault("sieve", store.sieve()),
                    fields.getOrDefault("sieve_dir", store.sieveDir()), store.maxScripts(), store.maxStorage(),
                    store.maxScriptSize());
        }
        String name = recipient.user();
        int at = name.lastIndexOf('@');
        VariableExpander expander = VariableExpander.builder().set("user", name)
                .set("username", at < 0 ? name : name.substring(0, at)).set("domain", at < 0 ? "" : name.substring(at + 1))
                .set("home", user.home().map(Path::toString).orElse("")).set("service", ctx.envelope().service())
                .userdb(fields).build();
        MailLog log = MailLog.of(ctx.envelope().service(), name);
        ScriptFile script;
        try {
            var active = SieveScriptStore.open(store, user, expander::expand, log).readActive();
            if (active.isEmpty()) return List.of(DeliveryAction.KEEP);
            script = active.get();
        } catch (SieveStoreException e) {
            throw new FilterException("failed to open the active script: " + e.getMessage(),
                    e.reason() == SieveStoreException.Reason.TEMPORARY, e);
        }
        CompileResult compiled = compile(script);
        if (compiled instanceof CompileResult.Failed f) {
            throw new FilterException(script.path() + ": " + String.join(" ", f.errors().stream()
                    .map(Object::toString).toList()) + " (failed to compile script)", false);
        }
        SieveResult result;
        try {
            result = Interpreter.run(((CompileResult.Compiled) compiled).script(), new SieveMail(ctx.message()),
                    environment(ctx, user));
        } catch (SieveRuntimeException e) {
            throw new FilterException(script.path() + ": runtime error: " + e.getMessage(), false, e);
        }
        return actions(result, ctx, user, log);
    }

    private CompileResult compile(ScriptFile file) {
        Cached c = cache.get(file.path());
        if (c != null && c.stamp().equals(file.stamp())) return c.result();
        CompileResult r = compiler.compile(file.content());
        if (cache.size() > 100_000) cache.clear();
        cache.put(file.path(), new Cached(file.stamp(), r));
        return r;
    }

    private RunEnvironment environment(FilterContext ctx, SieveUser user) {
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
        return new RunEnvironment(ctx.envelope().sender(), ctx.recipient().address().address(), delimiter,
                settings.limits(), env, Clock.systemDefaultZone(), RunEnvironment.Includes.NONE, duplicates,
                mailbox -> exists(ctx, mailbox), RunEnvironment.Scores.NONE);
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

    private List<DeliveryAction> actions(SieveResult result, FilterContext ctx, SieveUser user, MailLog log)
            throws FilterException {
        List<DeliveryAction> out = new ArrayList<>();
        for (SieveAction a : result.actions()) {
            switch (a) {
                case SieveAction.Keep k -> out.add(new DeliveryAction.Keep(flags(k.flags())));
                case SieveAction.FileInto f -> out.add(new DeliveryAction.FileInto(f.mailbox(), flags(f.flags()),
                        f.create()));
                case SieveAction.Redirect r -> out.add(new DeliveryAction.Redirect(r.address()));
                case SieveAction.Discard d -> out.add(DeliveryAction.DISCARD);
                case SieveAction.Reject r -> out.add(new DeliveryAction.Reject(r.reason(), r.ereject()));
                case SieveAction.Vacation v -> vacation(v, ctx, user, log, out);
                case SieveAction.Notify n -> notify(n, ctx, out);
            }
        }
        return out;
    }

    private void vacation(SieveAction.Vacation v, FilterContext ctx, SieveUser user, MailLog log,
            List<DeliveryAction> out) throws FilterException {
        if (user.home().isEmpty()) {
            log.info("sieve: vacation: no home directory to track replies in; not replying");
            return;
        }
        String[] why = new String[1];
        try {
            DeliveryAction.Send send = VacationReply.decide(v, ctx, settings.vacationDontCheckRecipient(),
                    new SeenRecords(user.home().get()), why);
            if (send != null) out.add(send);
            else log.info("sieve: " + why[0]);
        } catch (IOException e) {
            throw new FilterException("vacation: failed to track replies: " + e.getMessage(), true, e);
        }
    }

    private static void notify(SieveAction.Notify n, FilterContext ctx, List<DeliveryAction> out) {
        String to = java.net.URLDecoder.decode(n.method().substring("mailto:".length()).split("\\?")[0],
                StandardCharsets.UTF_8);
        if (ctx.envelope().sender().isEmpty()) return; // RFC 5436 section 2.7: no notification about <> mail
        String text = n.message() != null ? n.message() : ctx.message().from() + ": " + ctx.message().subject();
        String msg = "From: " + VacationReply.oneLine(n.from() != null ? n.from()
                : ctx.recipient().address().address()) + "\r\nTo: <" + VacationReply.oneLine(to)
                + ">\r\nSubject: " + VacationReply.oneLine(text) + "\r\nAuto-Submitted: auto-notified\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n";
        out.add(new DeliveryAction.Send("", List.of(to), msg.getBytes(StandardCharsets.UTF_8)));
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
