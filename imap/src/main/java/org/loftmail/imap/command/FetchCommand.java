package org.loftmail.imap.command;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.mime.BinaryContent;
import org.loftmail.core.mime.ImapWriter;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.imap.Completion;
import org.loftmail.imap.FlagNames;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.FetchAttribute;
import org.loftmail.imap.codec.FetchParser;
import org.loftmail.imap.codec.ImapDates;
import org.loftmail.imap.codec.ResponseWriter;
import org.loftmail.imap.codec.Section;
import org.loftmail.imap.codec.SequenceSet;

/**
 * FETCH and UID FETCH (RFC 3501 sections 6.4.5, 6.4.8, 7.4.2; BINARY from RFC 3516 / RFC 9051 6.4.5). Message
 * bodies are streamed from storage into literals; ENVELOPE and BODYSTRUCTURE come from the MIME layer's cached structure. Fetching a body without .PEEK
 * sets \Seen first and reports the new FLAGS, as Dovecot does. A message expunged by another session while still
 * in this view is answered NO [EXPUNGEISSUED] after the others.
 */
public final class FetchCommand implements ImapCommand {

    private final boolean uid;

    public FetchCommand(boolean uid) {
        this.uid = uid;
    }

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception {
        SequenceSet set = args.sequenceSet();
        args.sp();
        List<FetchAttribute> attrs = new ArrayList<>(FetchParser.parse(args));
        Modifiers mods = Modifiers.parse(args, uid, ctx.qresync());
        if (mods.changedSince().isPresent() || attrs.contains(FetchAttribute.Simple.MODSEQ)) {
            ctx.enableCondstore(); // RFC 7162 3.1: FETCH MODSEQ and CHANGEDSINCE switch CONDSTORE on
        }
        if (mods.changedSince().isPresent() && !attrs.contains(FetchAttribute.Simple.MODSEQ)) {
            attrs.add(FetchAttribute.Simple.MODSEQ); // RFC 7162 3.1.4.1: CHANGEDSINCE answers with MODSEQ
        }
        UidSet uids = MessageSets.uids(ctx.selected(), set, uid);
        SelectedMailbox view = ctx.selected().view();
        if (mods.changedSince().isPresent()) {
            long since = mods.changedSince().getAsLong();
            if (mods.vanished()) {
                // RFC 7162 3.2.6: the UIDs of the set expunged since, '*' reaching every UID ever given
                UidSet named = set.savedResult() ? ctx.selected().savedSearch() : set.resolve(UidSet.MAX);
                Resync.writeVanished(ctx, Resync.vanished(view, since, named, UidSet.EMPTY, UidSet.EMPTY));
            }
            uids = changedSince(view, uids, since);
        }
        boolean setsSeen = !view.readOnly() && attrs.stream().anyMatch(FetchAttribute::setsSeen);
        if (uid && !attrs.contains(FetchAttribute.Simple.UID)) attrs.add(0, FetchAttribute.Simple.UID);
        boolean expunged = false;
        for (var it = uids.stream().iterator(); it.hasNext(); ) {
            long u = it.next();
            int seq = view.seq(u);
            if (seq == 0) continue;
            try {
                fetchOne(ctx, view, seq, u, attrs, setsSeen);
            } catch (org.loftmail.core.storage.MessageExpungedException e) {
                expunged = true;
            } catch (BinaryContent.UnknownEncodingException e) {
                // RFC 3516 section 4.2: the request fails; as Dovecot, messages already answered stay answered
                return Completion.no("UNKNOWN-CTE", "Unknown Content-Transfer-Encoding");
            }
        }
        if (expunged) return Completion.no("EXPUNGEISSUED", "Some messages were expunged, fetch completed partially.");
        return Completion.ok("Fetch completed.");
    }

    /** FETCH modifiers (RFC 4466, RFC 7162 3.1.4.1 CHANGEDSINCE, 3.2.6 VANISHED), with Dovecot's error texts. */
    record Modifiers(OptionalLong changedSince, boolean vanished) {

        static Modifiers parse(ArgumentReader a, boolean uid, boolean qresync) {
            if (a.atEnd()) return new Modifiers(OptionalLong.empty(), false);
            a.sp();
            a.expect('(');
            OptionalLong changedSince = OptionalLong.empty();
            boolean vanished = false;
            boolean first = true;
            while (!a.skip(')')) {
                if (!first) a.sp();
                first = false;
                String name = a.atom().toUpperCase(java.util.Locale.ROOT);
                if (name.equals("CHANGEDSINCE")) {
                    try {
                        a.sp();
                        changedSince = OptionalLong.of(a.number());
                    } catch (org.loftmail.imap.codec.ImapSyntaxException e) {
                        throw new org.loftmail.imap.codec.ImapSyntaxException("Invalid CHANGEDSINCE modseq.");
                    }
                } else if (name.equals("VANISHED") && uid) {
                    if (!qresync) throw new org.loftmail.imap.codec.ImapSyntaxException("QRESYNC not enabled");
                    vanished = true;
                } else {
                    throw new org.loftmail.imap.codec.ImapSyntaxException("Unknown FETCH modifier");
                }
            }
            a.end();
            if (vanished && changedSince.isEmpty()) {
                throw new org.loftmail.imap.codec.ImapSyntaxException("VANISHED used without CHANGEDSINCE");
            }
            return new Modifiers(changedSince, vanished);
        }
    }

    /** The messages of {@code uids} whose MODSEQ is above {@code since}, from the view's records. */
    private static UidSet changedSince(SelectedMailbox view, UidSet uids, long since) {
        UidSet.Builder b = new UidSet.Builder();
        uids.stream().forEach(u -> {
            int seq = view.seq(u);
            if (seq > 0 && view.record(seq).modSeq() > since) b.add(u);
        });
        return b.build();
    }

    private static void fetchOne(ImapContext ctx, SelectedMailbox view, int seq, long u, List<FetchAttribute> attrs,
            boolean setsSeen) throws IOException, BinaryContent.UnknownEncodingException {
        List<FetchAttribute> items = attrs;
        MessageSections sections = new MessageSections(view, u);
        // BINARY sections are resolved first: an encoding Loft cannot undo fails before \Seen is set or a line starts
        Map<List<Integer>, Optional<BinaryContent>> binaries = new HashMap<>();
        for (FetchAttribute a : attrs) {
            List<Integer> part = switch (a) {
                case FetchAttribute.Binary b -> b.part();
                case FetchAttribute.BinarySize b -> b.part();
                default -> null;
            };
            if (part != null && !binaries.containsKey(part)) binaries.put(part, sections.binary(part));
        }
        MessageRecord record = view.record(seq);
        if (setsSeen && !record.flags().contains(SystemFlag.SEEN)) {
            view.store(UidSet.of(u), FlagChange.ADD, Flags.of(SystemFlag.SEEN), OptionalLong.empty());
            record = view.record(seq);
            if (!items.contains(FetchAttribute.Simple.FLAGS)) {
                items = new ArrayList<>(attrs);
                items.add(FetchAttribute.Simple.FLAGS);
            }
        }
        boolean recent = view.isRecent(u) && !ctx.imap4rev2(); // IMAP4rev2 has no \Recent (RFC 9051 appendix E)
        if (items.contains(FetchAttribute.Simple.MODSEQ)) ctx.selected().fetchedModSeq(record.modSeq());
        ResponseWriter.Line l = ctx.out().untagged().number(seq).sp().atom("FETCH").sp().open();
        boolean first = true;
        for (FetchAttribute a : items) {
            if (!first) l.sp();
            first = false;
            write(l, a, view, u, record, sections, recent, binaries);
        }
        l.close().end();
    }

    private static void write(ResponseWriter.Line l, FetchAttribute a, SelectedMailbox view, long u, MessageRecord r,
            MessageSections sections, boolean recent, Map<List<Integer>, Optional<BinaryContent>> binaries)
            throws IOException {
        switch (a) {
            case FetchAttribute.Simple s -> {
                switch (s) {
                    case UID -> l.atom("UID").sp().number(u);
                    case FLAGS -> l.atom("FLAGS").sp().atoms(FlagNames.of(r.flags(), recent));
                    case INTERNALDATE -> l.atom("INTERNALDATE").sp()
                            .string(ImapDates.formatDateTime(r.internalDate(), ZoneId.systemDefault()));
                    case RFC822_SIZE -> l.atom("RFC822.SIZE").sp().number(r.virtualSize());
                    case MODSEQ -> l.atom("MODSEQ").sp().open().number(r.modSeq()).close();
                    case ENVELOPE -> l.atom("ENVELOPE").sp().rendered(sections.summary().envelopeBytes());
                    case BODYSTRUCTURE -> l.atom("BODYSTRUCTURE").sp()
                            .rendered(ImapWriter.bodyStructure(sections.summary().root(), true));
                    case BODY -> l.atom("BODY").sp()
                            .rendered(ImapWriter.bodyStructure(sections.summary().root(), false));
                    case RFC822 -> body(l, "RFC822", Section.WHOLE, Optional.empty(), sections, r);
                    case RFC822_HEADER -> body(l, "RFC822.HEADER", new Section(List.of(), Section.Kind.HEADER, List.of()),
                            Optional.empty(), sections, r);
                    case RFC822_TEXT -> body(l, "RFC822.TEXT", new Section(List.of(), Section.Kind.TEXT, List.of()),
                            Optional.empty(), sections, r);
                }
            }
            case FetchAttribute.BodySection b -> {
                String name = "BODY[" + b.section().spec() + "]" + b.partial().map(p -> "<" + p.offset() + ">").orElse("");
                body(l, name, b.section(), b.partial(), sections, r);
            }
            case FetchAttribute.Binary b -> {
                String name = "BINARY[" + MessageSections.partSpec(b.part()) + "]"
                        + b.partial().map(p -> "<" + p.offset() + ">").orElse("");
                binary(l, name, b.part(), b.partial(), binaries.get(b.part()), sections);
            }
            case FetchAttribute.BinarySize b -> {
                Optional<BinaryContent> content = binaries.get(b.part());
                long size = content.isEmpty() ? 0 : sections.measure(b.part(), content.get()).size();
                l.token("BINARY.SIZE[" + MessageSections.partSpec(b.part()) + "]").sp().number(size);
            }
        }
    }

    /**
     * BINARY[part]<partial> (RFC 3516 section 4.2): the decoded section; a literal8 when it holds NUL or was decoded
     * from base64/quoted-printable (Dovecot's choice), an empty literal when the part does not exist.
     */
    private static void binary(ResponseWriter.Line l, String name, List<Integer> part, Optional<FetchAttribute.Partial> partial,
            Optional<BinaryContent> content, MessageSections sections) throws IOException {
        l.token(name).sp();
        if (content.isEmpty()) {
            l.literal(new byte[0]);
            return;
        }
        BinaryContent.Measure m = sections.measure(part, content.get());
        long from = Math.min(partial.map(FetchAttribute.Partial::offset).orElse(0L), m.size());
        long length = partial.map(p -> Math.min(p.length(), m.size() - from)).orElse(m.size());
        try (InputStream in = content.get().open()) {
            long skipped = 0;
            while (skipped < from && in.read() >= 0) skipped++; // a short stream is padded by the writer
            l.literal(in, length, m.binary());
        }
    }

    private static void body(ResponseWriter.Line l, String name, Section section, Optional<FetchAttribute.Partial> partial,
            MessageSections sections, MessageRecord r) throws IOException {
        l.token(name).sp();
        Optional<MessageSections.Content> content = sections.section(section, r.virtualSize());
        if (content.isEmpty()) {
            l.literal(new byte[0]); // Dovecot answers {0}, not ""
            return;
        }
        try (InputStream in = content.get().stream()) {
            long size = content.get().size();
            long from = partial.map(FetchAttribute.Partial::offset).orElse(0L);
            long length = partial.map(p -> Math.min(p.length(), Math.max(0, size - p.offset()))).orElse(size);
            if (from >= size && partial.isPresent()) {
                l.literal(new byte[0]); // Dovecot answers {0}, not ""
                return;
            }
            in.skipNBytes(Math.min(from, size));
            l.literal(in, length);
        }
    }
}
