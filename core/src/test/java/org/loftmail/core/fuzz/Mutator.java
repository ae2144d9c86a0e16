package org.loftmail.core.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A small corpus-driven mutation fuzzer for the JUnit run (Jazzer is not available from the registries this
 * project builds from). Each input is a corpus file changed by a few random edits: tokens of the grammar under test
 * inserted, ranges deleted or repeated, another seed spliced in, characters flipped. Runs are reproducible: the
 * seed is printed with every failure and {@code -Dloft.fuzz.seed=N} replays it; {@code -Dloft.fuzz.iterations=N}
 * makes a longer run (see docs/fuzzing.md).
 */
public final class Mutator {

    private final List<String> corpus;
    private final List<String> tokens;
    private final Random random;
    public final long seed;

    public Mutator(List<String> corpus, List<String> tokens) {
        if (corpus.isEmpty()) throw new IllegalArgumentException("empty corpus");
        this.corpus = corpus;
        this.tokens = tokens;
        this.seed = Long.getLong("loft.fuzz.seed", System.nanoTime());
        this.random = new Random(seed);
    }

    /** How many inputs a test runs: a bounded number in the normal run, more on request. */
    public static int iterations(int normal) {
        return Integer.getInteger("loft.fuzz.iterations", normal);
    }

    /** Every regular file of a corpus directory, read as UTF-8, in name order. */
    public static List<String> corpus(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted()
                    .map(p -> {
                        try {
                            return Files.readString(p, StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String next() {
        StringBuilder b = new StringBuilder(corpus.get(random.nextInt(corpus.size())));
        int edits = 1 + random.nextInt(8);
        for (int i = 0; i < edits; i++) {
            int at = b.isEmpty() ? 0 : random.nextInt(b.length() + 1);
            switch (random.nextInt(6)) {
                case 0, 1 -> b.insert(at, tokens.get(random.nextInt(tokens.size())));
                case 2 -> b.delete(at, Math.min(b.length(), at + 1 + random.nextInt(16)));
                case 3 -> {
                    int end = Math.min(b.length(), at + 1 + random.nextInt(32));
                    String piece = b.substring(at, end);
                    b.insert(at, piece.repeat(1 + random.nextInt(4)));
                }
                case 4 -> {
                    String other = corpus.get(random.nextInt(corpus.size()));
                    int from = other.isEmpty() ? 0 : random.nextInt(other.length());
                    b.insert(at, other, from, Math.min(other.length(), from + random.nextInt(64)));
                }
                default -> {
                    if (!b.isEmpty() && at < b.length()) b.setCharAt(at, (char) random.nextInt(0x80));
                }
            }
        }
        return b.toString();
    }
}
