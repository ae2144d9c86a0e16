package org.loftmail.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.loftmail.bench.MessageFactory;
import org.loftmail.core.mime.MimeParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** A message parsed once at save time into what ENVELOPE and BODYSTRUCTURE answers need. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MimeParseBench {

    /** Seeds picking a plain, an alternative and an attachment message from the harness's mix. */
    @Param({"1", "5", "11"})
    public long seed;

    private byte[] message;

    @Setup
    public void make() {
        message = new MessageFactory(seed).next(300_000);
    }

    @Benchmark
    public byte[] parseToBodyStructure() {
        return MimeParser.parse(message).summary().bodyStructureBytes();
    }

    @Benchmark
    public byte[] parseToEnvelope() {
        return MimeParser.parse(message).summary().envelopeBytes();
    }
}
