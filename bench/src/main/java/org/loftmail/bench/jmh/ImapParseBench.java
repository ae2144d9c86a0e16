package org.loftmail.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.CommandInput;
import org.loftmail.imap.codec.FetchParser;
import org.loftmail.imap.codec.SequenceSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Parsing what a desktop client sends most: a UID FETCH of headers, flags and structure. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ImapParseBench {

    private final byte[] fetch = ("a12 UID FETCH 1:100,205,300:* (UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS "
            + "(From To Cc Bcc Subject Date Message-ID Priority X-Priority References Newsgroups In-Reply-To "
            + "Content-Type Reply-To)] BODYSTRUCTURE)").getBytes(StandardCharsets.US_ASCII);

    @Benchmark
    public Object uidFetchCommand() {
        ArgumentReader r = new ArgumentReader(CommandInput.ofLine(fetch));
        r.tag();
        r.sp();
        r.atom();
        r.sp();
        r.atom();
        r.sp();
        SequenceSet set = SequenceSet.parse(r.atom());
        r.sp();
        return new Object[] {set, FetchParser.parse(r)};
    }
}
