package org.loftmail.core.storage.index;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.loftmail.core.mail.Flags;

/**
 * One change to a {@link MailboxIndex}, as {@code loft.index.log} stores it: replaying a base snapshot's changes
 * in order rebuilds the index exactly. Each kind mirrors one of the index's methods.
 */
sealed interface IndexChange {

    /** Applies the change without recording it again. */
    void replay(MailboxIndex index);

    void write(DataOutput out) throws IOException;

    /** A record was added; written as it is when the batch is written (later changes in the batch re-apply). */
    record Added(IndexRecord record) implements IndexChange {
        @Override
        public void replay(MailboxIndex index) {
            index.replayAdd(record);
        }

        @Override
        public void write(DataOutput out) throws IOException {
            out.writeByte(1);
            IndexRecordCodec.write(out, record);
        }
    }

    record FlagsSet(long uid, Flags flags, long modSeq) implements IndexChange {
        @Override
        public void replay(MailboxIndex index) {
            index.replayFlags(uid, flags, modSeq);
        }

        @Override
        public void write(DataOutput out) throws IOException {
            out.writeByte(2);
            out.writeLong(uid);
            IndexRecordCodec.writeFlags(out, flags);
            out.writeLong(modSeq);
        }
    }

    record Relocated(long uid, String location) implements IndexChange {
        @Override
        public void replay(MailboxIndex index) {
            index.replayRelocate(uid, location);
        }

        @Override
        public void write(DataOutput out) throws IOException {
            out.writeByte(3);
            out.writeLong(uid);
            out.writeUTF(location);
        }
    }

    record Expunged(long modSeq, long[] uids) implements IndexChange {
        @Override
        public void replay(MailboxIndex index) {
            index.replayExpunge(modSeq, uids);
        }

        @Override
        public void write(DataOutput out) throws IOException {
            out.writeByte(4);
            out.writeLong(modSeq);
            out.writeInt(uids.length);
            for (long uid : uids) out.writeLong(uid);
        }
    }

    record AllForgotten(long modSeq) implements IndexChange {
        @Override
        public void replay(MailboxIndex index) {
            index.replayForgetAll(modSeq);
        }

        @Override
        public void write(DataOutput out) throws IOException {
            out.writeByte(5);
            out.writeLong(modSeq);
        }
    }

    record Cleared() implements IndexChange {
        @Override
        public void replay(MailboxIndex index) {
            index.replayClear();
        }

        @Override
        public void write(DataOutput out) throws IOException {
            out.writeByte(6);
        }
    }

    record UidValiditySet(long value) implements IndexChange {
        @Override
        public void replay(MailboxIndex index) {
            index.replayUidValidity(value);
        }

        @Override
        public void write(DataOutput out) throws IOException {
            out.writeByte(7);
            out.writeLong(value);
        }
    }

    static IndexChange read(DataInput in) throws IOException {
        int kind = in.readUnsignedByte();
        return switch (kind) {
            case 1 -> new Added(IndexRecordCodec.read(in));
            case 2 -> new FlagsSet(in.readLong(), IndexRecordCodec.readFlags(in), in.readLong());
            case 3 -> new Relocated(in.readLong(), in.readUTF());
            case 4 -> {
                long modSeq = in.readLong();
                int n = in.readInt();
                if (n < 0 || n > 1 << 24) throw new IOException("bad expunge count");
                long[] uids = new long[n];
                for (int i = 0; i < n; i++) uids[i] = in.readLong();
                yield new Expunged(modSeq, uids);
            }
            case 5 -> new AllForgotten(in.readLong());
            case 6 -> new Cleared();
            case 7 -> new UidValiditySet(in.readLong());
            default -> throw new IOException("unknown index change " + kind);
        };
    }
}
