package org.loftmail.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Compares Loft's answers for a message file with the ones Dovecot gave (files recorded beside it by
 * dovecot_expect.py). Also a command-line tool for differential runs over a directory:
 * {@code java -cp core/target/classes:core/target/test-classes org.loftmail.core.mime.ReferenceAnswers DIR}.
 */
final class ReferenceAnswers {
    private ReferenceAnswers() {}

    static Path sibling(Path eml, String ext) {
        String n = eml.getFileName().toString();
        return eml.resolveSibling(n.substring(0, n.length() - 4) + ext);
    }

    static String show(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** The differences for one message, empty when Loft answers as Dovecot did. */
    static List<String> differences(Path eml) throws IOException {
        List<String> diffs = new ArrayList<>();
        MessageSummary s = MimeParser.parse(eml).summary();
        compare(diffs, "BODYSTRUCTURE", show(s.bodyStructureBytes()), sibling(eml, ".bodystructure"));
        compare(diffs, "BODY", show(s.bodyBytes()), sibling(eml, ".body"));
        compare(diffs, "ENVELOPE", show(s.envelopeBytes()), sibling(eml, ".envelope"));
        for (String line : Files.readAllLines(sibling(eml, ".sections"))) {
            if (line.startsWith("RFC822.SIZE ")) {
                if (s.size() != Long.parseLong(line.substring(12))) {
                    diffs.add("RFC822.SIZE: expected " + line.substring(12) + " got " + s.size());
                }
                continue;
            }
            String section = line.substring(1, line.indexOf(']'));
            String expected = line.substring(line.indexOf(']') + 2);
            Optional<Span> span = s.section(section);
            String actual;
            if (span.isEmpty()) {
                actual = "0 da39a3ee5e6b4b0d3255bfef95601890afd80709";
            } else {
                byte[] data;
                try (InputStream in = CrlfInputStream.of(eml, span.get(), true)) {
                    data = in.readAllBytes();
                }
                if (data.length != span.get().size()) {
                    diffs.add("BODY[" + section + "] span size " + span.get().size() + " but read " + data.length);
                }
                actual = data.length + " " + sha1(data);
            }
            if (!actual.equals(expected)) {
                diffs.add("BODY[" + section + "]: expected " + expected + " got " + actual);
            }
        }
        return diffs;
    }

    private static void compare(List<String> diffs, String what, String actual, Path expectedFile) throws IOException {
        String expected = show(Files.readAllBytes(expectedFile));
        if (!expected.equals(actual)) {
            diffs.add(what + ":\n  dovecot " + expected + "\n  loft    " + actual);
        }
    }

    static String sha1(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws IOException {
        int bad = 0;
        int total = 0;
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            for (Path eml : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                if (!Files.exists(sibling(eml, ".sections"))) {
                    continue;
                }
                total++;
                List<String> d = differences(eml);
                if (!d.isEmpty()) {
                    bad++;
                    System.out.println("== " + eml.getFileName());
                    d.stream().limit(4).forEach(System.out::println);
                }
            }
        }
        System.out.println(bad + " of " + total + " messages differ");
        Path search = Path.of(args[0]).resolve("search.expected");
        if (Files.exists(search)) {
            int wrong = 0;
            List<String> lines = Files.readAllLines(search);
            for (String line : lines) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                java.util.Set<String> expected = cols[2].isEmpty() ? java.util.Set.of() : java.util.Set.of(cols[2].split(" "));
                java.util.Set<String> found = new java.util.TreeSet<>();
                try (Stream<Path> files = Files.list(Path.of(args[0]))) {
                    for (Path eml : files.filter(p -> p.toString().endsWith(".eml")).toList()) {
                        MessageSummary s = MimeParser.parse(eml).summary();
                        boolean hit = cols[0].equals("BODY")
                                ? MessageSearch.bodyContains(s, MessageSearch.of(eml), cols[1])
                                : MessageSearch.textContains(s, MessageSearch.of(eml), cols[1]);
                        if (hit) {
                            found.add(eml.getFileName().toString());
                        }
                    }
                }
                if (!found.equals(new java.util.TreeSet<>(expected))) {
                    wrong++;
                    java.util.Set<String> missing = new java.util.TreeSet<>(expected);
                    missing.removeAll(found);
                    java.util.Set<String> extra = new java.util.TreeSet<>(found);
                    extra.removeAll(expected);
                    System.out.println("SEARCH " + cols[0] + " " + cols[1] + ": missing " + missing + " extra " + extra);
                }
            }
            System.out.println(wrong + " of " + lines.size() + " searches differ");
        }
    }
}
