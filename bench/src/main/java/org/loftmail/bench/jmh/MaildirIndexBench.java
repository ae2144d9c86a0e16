package org.loftmail.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.loftmail.bench.MessageFactory;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;
import org.loftmail.core.storage.search.SearchKey;
import org.loftmail.maildir.MaildirStorageProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Index lookups on a big Maildir: a warm SELECT (open the view from Loft's index), every record's flags
 * (what FETCH 1:* (FLAGS) reads), with no message file opened, and one flag change with the sync point after it
 * (STORE +FLAGS then the next command's sync: a file rename, the index write, one listing of the directories);
 * and what the parsed message data serves without opening a message: FETCH (ENVELOPE BODYSTRUCTURE) of every
 * message and a header SEARCH.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MaildirIndexBench {

    @Param({"20000"})
    public int messages;

    private Path home;
    private MaildirStorageProvider provider;
    private Mailbox inbox;
    /** A writable view kept open across flag-change invocations, as an IMAP session keeps its selection. */
    private SelectedMailbox selected;
    private int nextFlagged;

    @Setup(Level.Trial)
    public void makeMailbox() throws IOException {
        home = Files.createTempDirectory("loft-index-bench");
        Path maildir = home.resolve("Maildir");
        for (String sub : new String[] {"cur", "new", "tmp"}) {
            Files.createDirectories(maildir.resolve(sub));
        }
        MessageFactory factory = new MessageFactory(9);
        for (int i = 0; i < messages; i++) {
            Files.write(maildir.resolve("new").resolve((1_700_000_000L + i) + ".M" + i + "P1.bench"),
                    factory.small(null));
        }
        provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
        MailStorage storage = provider.open(StorageUser.of("bench", home, "maildir:~/Maildir"));
        inbox = storage.mailbox(MailboxName.INBOX);
        try (SelectedMailbox first = inbox.select(false)) {
            first.count(); // the first writable SELECT moves new/ to cur/ and builds the index
        }
        selected = inbox.select(false);
    }

    @Benchmark
    public int warmSelect() throws IOException {
        try (SelectedMailbox view = inbox.select(true)) {
            return view.count();
        }
    }

    @Benchmark
    public long selectAndReadEveryFlag() throws IOException {
        try (SelectedMailbox view = inbox.select(true)) {
            long seen = 0;
            for (int seq = 1; seq <= view.count(); seq++) {
                seen += view.record(seq).flags().hashCode();
            }
            return seen;
        }
    }

    @Benchmark
    public int flagChangeAndSync() throws IOException {
        // walks the mailbox setting \Flagged, then walks it again clearing it: every call changes one message
        int seq = nextFlagged % selected.count() + 1;
        FlagChange change = (nextFlagged / selected.count()) % 2 == 0 ? FlagChange.ADD : FlagChange.REMOVE;
        nextFlagged++;
        selected.store(UidSet.of(selected.uid(seq)), change, Flags.of(SystemFlag.FLAGGED), OptionalLong.empty());
        return selected.sync(true).flagUpdates().size();
    }

    /** FETCH 1:* (ENVELOPE BODYSTRUCTURE) from the parsed message data (warm: no message file opened). */
    @Benchmark
    public long fetchEnvelopeAndBodyStructure() throws IOException {
        try (SelectedMailbox view = inbox.select(true)) {
            long bytes = 0;
            for (int seq = 1; seq <= view.count(); seq++) {
                MessageSummary s = view.structure(view.uid(seq));
                bytes += s.envelopeBytes().length + s.bodyStructureBytes().length;
            }
            return bytes;
        }
    }

    /** SEARCH SUBJECT over every message, answered from the cached header fields (warm). */
    @Benchmark
    public long searchHeaderSubject() throws IOException {
        try (SelectedMailbox view = inbox.select(true)) {
            return view.search(new SearchKey.Header("Subject", "needle")).size();
        }
    }

    @TearDown(Level.Trial)
    public void remove() throws IOException {
        selected.close();
        provider.close();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
