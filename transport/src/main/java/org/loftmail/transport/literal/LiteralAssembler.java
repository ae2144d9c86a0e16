package org.loftmail.transport.literal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts commands together the IMAP way: a line that ends with a literal announcement is followed by that many raw
 * bytes and then by more of the same command. For each literal the {@link Protocol} chooses a {@link LiteralPlan}:
 * read it into memory within a size limit (asking for a synchronising one first), hand it to a {@link LiteralStream}
 * (the command-table says which commands stream), or refuse the command before any of its data is asked for. A
 * refused non-synchronising literal is still on its way, so it is read and dropped, with the rest of the command,
 * before the refusal is answered: the client's next command is then read as a command.
 *
 * <p>One per connection; called from the session's serial executor only, so it holds no lock.
 */
public final class LiteralAssembler {

    /** The protocol's side: what the commands are and how it answers. */
    public interface Protocol {

        /** The literal announced at the end of the last line of {@code lines} (one literal fewer than lines so far). */
        LiteralPlan plan(List<byte[]> lines, List<byte[]> literals, LiteralAnnouncement literal);

        /** The last line ends with an announcement that is no literal at all (too many digits): the refusal. */
        Runnable malformed(List<byte[]> lines, String fixedText);

        /** Asks the client for the data of a synchronising literal (IMAP's {@code + OK}). */
        void continueLiteral();

        /** A command is complete: every line, and after each line but the last the literal it announced. */
        void complete(List<byte[]> lines, List<byte[]> literals);
    }

    /** How the assembler asks the connection for raw bytes ({@code Connection::readRaw}). */
    @FunctionalInterface
    public interface RawInput {
        void readRaw(long count);
    }

    private static final int INITIAL_BUFFER = 64 * 1024;

    private final Protocol protocol;
    private final RawInput raw;

    // the command being assembled
    private final List<byte[]> lines = new ArrayList<>();
    private final List<byte[]> literals = new ArrayList<>();
    private long assembled;
    private ByteArrayOutputStream buffering;

    // a streaming command in progress, and whether its literal's data is being read
    private LiteralStream stream;
    private boolean streamingData;

    // a refused command's remains being dropped, then its answer
    private boolean discarding;
    private Runnable pendingRefusal;

    public LiteralAssembler(Protocol protocol, RawInput raw) {
        this.protocol = protocol;
        this.raw = raw;
    }

    /** True when no command is partly read: a line now starts a new command (or feeds a command in progress). */
    public boolean betweenCommands() {
        return lines.isEmpty() && stream == null && pendingRefusal == null && !discarding && buffering == null;
    }

    /** One input line, without its line end. */
    public void onLine(byte[] line) {
        if (pendingRefusal != null) {
            skipLine(line);
            return;
        }
        if (stream != null) {
            afterStreamedLiteral(line);
            return;
        }
        lines.add(line);
        assembled += line.length;
        Optional<LiteralAnnouncement> announced;
        try {
            announced = LiteralAnnouncement.at(line);
        } catch (WireSyntaxException e) {
            refuse(line, protocol.malformed(List.copyOf(lines), e.getMessage()));
            return;
        }
        if (announced.isEmpty()) {
            List<byte[]> ls = List.copyOf(lines);
            List<byte[]> lits = List.copyOf(literals);
            reset();
            protocol.complete(ls, lits);
            return;
        }
        LiteralAnnouncement literal = announced.get();
        switch (protocol.plan(List.copyOf(lines), List.copyOf(literals), literal)) {
            case LiteralPlan.Refuse r -> refuse(line, r.answer());
            case LiteralPlan.Stream s -> {
                reset();
                stream = s.stream();
                startStreamedLiteral(literal);
            }
            case LiteralPlan.Buffer b -> buffer(line, literal, b);
        }
    }

    /** A piece of the raw data this assembler asked for. */
    public void onRawData(byte[] chunk, boolean last) throws InterruptedException {
        if (discarding) {
            if (last) discarding = false;
        } else if (streamingData) {
            if (last) streamingData = false;
            stream.data(chunk, last);
        } else if (buffering != null) {
            buffering.writeBytes(chunk);
            if (last) {
                literals.add(buffering.toByteArray());
                buffering = null;
            }
        } else {
            throw new IllegalStateException("raw data nobody asked for");
        }
    }

    /**
     * Forgets the command being assembled (an over-long line broke it, or the connection is gone); a streaming
     * command is aborted. A refused command whose remains are being dropped is still answered when they end.
     */
    public void abandonCommand() {
        reset();
        if (stream != null) {
            LiteralStream s = stream;
            stream = null;
            streamingData = false;
            s.abort();
        }
    }

    private void buffer(byte[] line, LiteralAnnouncement literal, LiteralPlan.Buffer plan) {
        if (assembled + literal.size() > plan.maxCommandBytes()) {
            refuse(line, plan.tooLong());
            return;
        }
        if (!literal.nonSynchronizing()) protocol.continueLiteral();
        assembled += literal.size();
        if (literal.size() == 0) {
            literals.add(new byte[0]);
            return;
        }
        buffering = new ByteArrayOutputStream((int) Math.min(literal.size(), INITIAL_BUFFER));
        raw.readRaw(literal.size());
    }

    private void startStreamedLiteral(LiteralAnnouncement literal) {
        if (stream.accept(literal)) {
            if (!literal.nonSynchronizing()) protocol.continueLiteral();
            streamingData = true;
            raw.readRaw(literal.size());
        } else if (literal.nonSynchronizing()) {
            discard(literal.size());
        } else {
            LiteralStream s = stream;
            stream = null;
            s.refusedBeforeData();
        }
    }

    private void afterStreamedLiteral(byte[] line) {
        switch (stream.lineAfterLiteral(line)) {
            case LiteralStream.StreamStep.Done d -> stream = null;
            case LiteralStream.StreamStep.Next n -> startStreamedLiteral(n.literal());
            case LiteralStream.StreamStep.Refuse r -> {
                stream = null;
                refuse(line, r.answer());
            }
        }
    }

    /** Answers a command that cannot be taken; a non-synchronising literal it announced is read and dropped first. */
    private void refuse(byte[] line, Runnable answer) {
        reset();
        Optional<LiteralAnnouncement> literal = LiteralAnnouncement.lenientlyAt(line);
        if (literal.isPresent() && literal.get().nonSynchronizing()) {
            pendingRefusal = answer;
            discard(literal.get().size());
        } else {
            answer.run();
        }
    }

    /** A line of a refused command: another dropped literal, or its last line, after which the refusal goes out. */
    private void skipLine(byte[] line) {
        Optional<LiteralAnnouncement> literal = LiteralAnnouncement.lenientlyAt(line);
        if (literal.isPresent() && literal.get().nonSynchronizing()) {
            discard(literal.get().size());
            return;
        }
        Runnable answer = pendingRefusal;
        pendingRefusal = null;
        answer.run();
    }

    private void discard(long size) {
        if (size == 0) return;
        discarding = true;
        raw.readRaw(size);
    }

    private void reset() {
        lines.clear();
        literals.clear();
        assembled = 0;
        buffering = null;
    }
}
