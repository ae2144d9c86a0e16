package org.loftmail.maildir;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tiny file system mounted by the test (root only; the test is skipped otherwise) so that "disk full" is real:
 * a tmpfs (files run out of space, directories never do) or an ext2 image on a loop device with 1 KiB blocks
 * (a directory whose block is full cannot take another entry). {@link #close} unmounts and removes everything.
 */
final class SmallFilesystem implements AutoCloseable {

    private final Path mountPoint;
    private final Path image;

    private SmallFilesystem(Path mountPoint, Path image) {
        this.mountPoint = mountPoint;
        this.image = image;
    }

    static SmallFilesystem tmpfs(Path under, int kib) throws Exception {
        requireRoot();
        Path mp = Files.createDirectories(under.resolve("tmpfs"));
        run("mount", "-t", "tmpfs", "-o", "size=" + kib + "k,mode=0755", "tmpfs", mp.toString());
        return new SmallFilesystem(mp, null);
    }

    static SmallFilesystem ext2(Path under, int kib) throws Exception {
        requireRoot();
        Path img = under.resolve("fs.img");
        Path mp = Files.createDirectories(under.resolve("ext2"));
        run("truncate", "-s", kib + "K", img.toString());
        run("mkfs.ext2", "-q", "-F", "-b", "1024", "-m", "0", img.toString());
        run("mount", "-o", "loop", img.toString(), mp.toString());
        return new SmallFilesystem(mp, img);
    }

    private static void requireRoot() {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount a small file system");
    }

    Path root() {
        return mountPoint;
    }

    /** Writes a filler file until the file system is full; returns it (delete it to free the space again). */
    Path fill() throws IOException {
        Path filler = mountPoint.resolve("filler");
        byte[] block = new byte[1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("space")) throw full;
        }
        return filler;
    }

    @Override
    public void close() throws Exception {
        run("umount", "-l", mountPoint.toString());
        if (image != null) Files.deleteIfExists(image);
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
