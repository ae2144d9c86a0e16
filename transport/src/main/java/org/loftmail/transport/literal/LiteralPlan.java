package org.loftmail.transport.literal;

/** What a protocol does with a literal announced in a command it is assembling. */
public sealed interface LiteralPlan {

    /**
     * Read the literal into memory as part of the command, when the whole command (lines and literals) stays within
     * {@code maxCommandBytes}; otherwise refuse it with {@code tooLong}.
     */
    record Buffer(long maxCommandBytes, Runnable tooLong) implements LiteralPlan {
        public Buffer {
            if (maxCommandBytes < 1) throw new IllegalArgumentException("the command limit must be positive");
        }
    }

    /** The command streams its literals: hand this one, and every later one of the command, to {@code stream}. */
    record Stream(LiteralStream stream) implements LiteralPlan {}

    /**
     * Refuse the command without asking for the literal: when it is a non-synchronising one (the client sends it
     * anyway) it is read and dropped, with any more of the command, before {@code answer} runs.
     */
    record Refuse(Runnable answer) implements LiteralPlan {}
}
