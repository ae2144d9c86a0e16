package org.loftmail.core.storage.index;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.SystemFlag;

/** The binary form of an {@link IndexRecord} and of flags, shared by the index base file and its change log. */
final class IndexRecordCodec {

    private IndexRecordCodec() {}

    static void write(DataOutput out, IndexRecord r) throws IOException {
        out.writeLong(r.uid());
        out.writeUTF(r.key());
        // the location usually contains the key (Maildir: "cur/" + key + ":2,S"): stored without it
        int at = r.location().indexOf(r.key());
        out.writeShort(at);
        out.writeUTF(at < 0 ? r.location() : r.location().substring(0, at) + r.location().substring(at + r.key().length()));
        writeFlags(out, r.flags());
        out.writeLong(r.internalDate().getEpochSecond());
        out.writeInt(r.internalDate().getNano());
        out.writeLong(r.physicalSize());
        out.writeLong(r.virtualSize());
        out.writeLong(r.modSeq());
        out.writeUTF(r.guid().equals(r.key()) ? "" : r.guid());
    }

    static IndexRecord read(DataInput in) throws IOException {
        long uid = in.readLong();
        String key = in.readUTF();
        int at = in.readShort();
        String rest = in.readUTF();
        if (at > rest.length()) throw new IOException("bad location");
        String location = at < 0 ? rest : rest.substring(0, at) + key + rest.substring(at);
        Flags flags = readFlags(in);
        Instant date = Instant.ofEpochSecond(in.readLong(), in.readInt());
        long size = in.readLong();
        long vsize = in.readLong();
        long modSeq = in.readLong();
        String guid = in.readUTF();
        return new IndexRecord(uid, key, location, flags, date, size, vsize, modSeq, guid.isEmpty() ? key : guid);
    }

    static void writeFlags(DataOutput out, Flags flags) throws IOException {
        int bits = 0;
        for (SystemFlag f : flags.system()) bits |= 1 << f.ordinal();
        out.writeByte(bits);
        out.writeShort(flags.keywords().size());
        for (String k : flags.keywords()) out.writeUTF(k);
    }

    static Flags readFlags(DataInput in) throws IOException {
        int bits = in.readUnsignedByte();
        Set<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
        for (SystemFlag f : SystemFlag.values()) if ((bits & (1 << f.ordinal())) != 0) system.add(f);
        int kwCount = in.readUnsignedShort();
        Set<String> keywords = new TreeSet<>();
        for (int k = 0; k < kwCount; k++) keywords.add(in.readUTF());
        return new Flags(system, keywords);
    }
}
