package org.loftmail.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;

/**
 * Dovecot's {@code dovecot-uidvalidity} (last UIDVALIDITY handed out, hex) and its empty marker file
 * {@code dovecot-uidvalidity.<hex>}: a new mailbox gets max(now, last + 1) so UIDVALIDITY never repeats, even for
 * a mailbox deleted and created again in the same second.
 */
final class UidValidityFile {

    private UidValidityFile() {}

    static synchronized long next(Path root, FileCreator creator) throws IOException {
        Path file = root.resolve("dovecot-uidvalidity");
        long last = 0;
        try {
            // through the confinement (ADR 0305): a link out of the mail root or a file not the user's is not read;
            // the value is only a floor for uniqueness, so it then counts as absent (the file is replaced below)
            String s = creator.confinement().withFile(file, pinned -> Files.readString(pinned, StandardCharsets.US_ASCII)).trim();
            if (!s.isEmpty()) last = Long.parseLong(s, 16);
        } catch (NoSuchFileException | AccessDeniedException | NumberFormatException e) {
            last = 0;
        }
        long now = System.currentTimeMillis() / 1000;
        long value = Math.max(now, last + 1) & 0xFFFF_FFFFL;
        if (value == 0) value = 1;
        String hex = HexFormat.of().toHexDigits((int) value);
        Path tmp = root.resolve("dovecot-uidvalidity.tmp." + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        try {
            creator.writeNew(tmp, hex.getBytes(StandardCharsets.US_ASCII));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp); // a failed write (disk full) leaves no litter
            throw e;
        }
        try (var ds = Files.newDirectoryStream(root, "dovecot-uidvalidity.*")) {
            for (Path old : ds) if (!old.getFileName().toString().endsWith(".tmp." + ProcessHandle.current().pid())) Files.deleteIfExists(old);
        }
        Path marker = root.resolve("dovecot-uidvalidity." + hex);
        if (!Files.exists(marker)) creator.writeNew(marker, new byte[0]);
        return value;
    }
}
