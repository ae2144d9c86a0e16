package org.loftmail.sieve.delivery;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The administrator's script locations (sieve_before/after, sieve_default, sieve_discard, sieve_global) as
 * Pigeonhole reads them: {@code file:} prefix and {@code ;options} dropped, {@code %} variables and {@code ~}
 * expanded for the user, a directory meaning every {@code *.sieve} file in it in byte order of the names. Files are
 * opened without following a link in their last component.
 */
final class AdminScripts {

    /** A script file's content and the stamp its compiled form is cached under. */
    record Loaded(Path path, byte[] content, Object stamp) {}

    private AdminScripts() {}

    static Path location(String template, UnaryOperator<String> expander, Optional<Path> home) throws IOException {
        String t = template.trim();
        if (t.startsWith("file:")) t = t.substring(5);
        int semi = t.indexOf(';');
        if (semi >= 0) t = t.substring(0, semi);
        t = expander.apply(t);
        if (t.equals("~") || t.startsWith("~/")) {
            if (home.isEmpty()) throw new IOException("the location " + template + " needs a home directory");
            t = home.get() + t.substring(1);
        }
        if (!t.startsWith("/")) {
            if (home.isEmpty()) throw new IOException("the location " + template + " needs a home directory");
            t = home.get().resolve(t).toString();
        }
        if (Set.of(t.split("/")).contains("..")) throw new IOException("'..' in the location " + template);
        return Path.of(t).normalize();
    }

    /** The scripts at a sieve_before/after location: the file, or the directory's {@code *.sieve} files. */
    static List<Path> sequence(Path location) throws IOException {
        if (!Files.exists(location)) return List.of();
        if (!Files.isDirectory(location)) return List.of(location);
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(location, "*.sieve")) {
            for (Path p : dir) {
                if (Files.isRegularFile(p)) out.add(p);
            }
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString().getBytes(
                java.nio.charset.StandardCharsets.UTF_8), java.util.Arrays::compareUnsigned));
        return out;
    }

    /** Reads a script, or empty when it does not exist; bounded by {@code maxSize} (0: none). */
    static Optional<Loaded> read(Path path, long maxSize) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(path, Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS))) {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) return Optional.empty();
            long size = ch.size();
            Object stamp = List.of(String.valueOf(a.fileKey()), size, a.lastModifiedTime().toMillis());
            if (maxSize > 0 && size > maxSize) {
                // the compiler reports it with Pigeonhole's message; no need to read it all
                return Optional.of(new Loaded(path, new byte[(int) Math.min(size, maxSize + 1)], stamp));
            }
            if (size > Integer.MAX_VALUE - 16) throw new IOException("script " + path + " is too large");
            byte[] content = new byte[(int) size];
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(content);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // read all
            }
            return Optional.of(new Loaded(path, content, stamp));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
