package org.loftmail.sieve.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.loftmail.core.log.MailLog;
import org.loftmail.core.storage.UserPaths;
import org.loftmail.sieve.store.SieveStoreException.Reason;

/**
 * One user's personal Sieve scripts, stored as Pigeonhole stores them: {@code NAME.sieve} files in the storage
 * directory ({@code ~/sieve}), saved through its {@code tmp/} subdirectory, and the active script chosen by a
 * symlink ({@code ~/.dovecot.sieve -> sieve/NAME.sieve}). What ManageSieve, the admin CLI ({@code adm sieve}) and
 * delivery ({@link #readActive}) use.
 *
 * <p>Everything below the user's home is the user's to shape, and Loft runs as root: files are reached only
 * beneath the user's roots (the home, and the storage directory or active link's directory when the administrator
 * put them outside it), never through a link that leaves them, and must be the user's own (see {@link UserFiles},
 * ADR 0305). Script names are checked by {@link ScriptNames}, so a script file is always a direct child of the
 * storage directory.
 *
 * <p>As in Pigeonhole, a regular file at the active path (a script written there by hand) is what delivery runs,
 * but it is not one of the stored scripts: activating another script or deactivating first copies it into the
 * storage as {@code dovecot.orig}. A link that does not point at a script in the storage directory means no
 * active script.
 *
 * <p>Instances are cheap and hold no open files; methods may block on disk.
 */
public final class SieveScriptStore {

    /** The name Pigeonhole gives a regular active file it moves into storage. */
    public static final String RESCUED_NAME = "dovecot.orig";

    private static final String TMP = "tmp";

    private final SieveUser user;
    private final SieveStoreSettings settings;
    private final Optional<SieveLocation> location;
    private final Path storage;
    private final Path active;
    private final UserFiles files;
    private final MailLog log;

    private SieveScriptStore(SieveUser user, SieveStoreSettings settings, Optional<SieveLocation> location,
            Path storage, Path active, UserFiles files, MailLog log) {
        this.user = user;
        this.settings = settings;
        this.location = location;
        this.storage = storage;
        this.active = active;
        this.files = files;
        this.log = log;
    }

    /**
     * Opens {@code user}'s script storage.
     *
     * @param expander expands {@code %} variables of the location for this user (the caller's
     *     {@code VariableExpander}); {@code ~} is the user's home
     * @param log where Pigeonhole's informational lines go, with the caller's prefix ({@code managesieve(jsmith)})
     * @throws SieveStoreException TEMPORARY when the location cannot be resolved for this user (no home for
     *     {@code ~}, a path with {@code ..} after expansion)
     */
    public static SieveScriptStore open(SieveStoreSettings settings, SieveUser user, UnaryOperator<String> expander,
            MailLog log) throws SieveStoreException {
        Optional<SieveLocation> location = settings.location();
        if (location.isEmpty()) {
            return new SieveScriptStore(user, settings, location, null, null, null, log);
        }
        Path storage = resolve(location.get().path(), user, expander);
        Path active = resolve(location.get().active(), user, expander);
        List<Path> roots = new ArrayList<>();
        user.home().ifPresent(roots::add);
        if (!isUnderHome(storage, user)) {
            roots.add(Files.isDirectory(storage) || !Files.exists(storage) && !storage.toString().endsWith(ScriptNames.EXTENSION)
                    ? storage : storage.getParent());
        }
        if (!isUnderHome(active, user)) roots.add(active.getParent());
        return new SieveScriptStore(user, settings, location, storage, active,
                new UserFiles(roots, user.uid(), user.gid()), log);
    }

    private static boolean isUnderHome(Path p, SieveUser user) {
        return user.home().map(h -> p.startsWith(h) && !p.equals(h)).orElse(false);
    }

    private static Path resolve(String template, SieveUser user, UnaryOperator<String> expander)
            throws SieveStoreException {
        String path;
        try {
            path = expander.apply(template);
        } catch (IllegalArgumentException e) {
            throw new SieveStoreException(Reason.TEMPORARY, "sieve: " + e.getMessage(), e);
        }
        if (path.equals("~") || path.startsWith("~/") || !path.startsWith("/")) {
            if (user.home().isEmpty()) {
                throw new SieveStoreException(Reason.TEMPORARY, "sieve: the location " + path
                        + " needs a home directory, and the userdb gave none for " + user.username());
            }
            String rest = path.equals("~") ? "" : path.startsWith("~/") ? path.substring(2) : path;
            path = user.home().get().resolve(rest).toString();
        }
        Optional<String> problem = UserPaths.problem(path);
        if (problem.isPresent()) throw new SieveStoreException(Reason.TEMPORARY, "sieve: " + problem.get());
        return Path.of(path).normalize();
    }

    /** The storage directory (or single script file); empty when personal scripts are disabled. */
    public Optional<Path> storagePath() {
        return Optional.ofNullable(storage);
    }

    /** The active link's path; empty when personal scripts are disabled. */
    public Optional<Path> activePath() {
        return Optional.ofNullable(active);
    }

    /** The limits this store enforces. */
    public SieveStoreSettings settings() {
        return settings;
    }

    // ---- what is there ----------------------------------------------------------------------------------

    private enum Kind { DISABLED, DIRECTORY, SINGLE_FILE, MISSING }

    private Kind kind() throws SieveStoreException {
        if (location.isEmpty()) return Kind.DISABLED;
        try {
            files.inDirectory(storage, p -> null);
            return Kind.DIRECTORY;
        } catch (NoSuchFileException e) {
            return Kind.MISSING;
        } catch (IOException e) {
            try {
                files.read(storage);
                return Kind.SINGLE_FILE;
            } catch (NoSuchFileException e2) {
                return Kind.MISSING;
            } catch (IOException e2) {
                throw temporary("cannot open the Sieve storage " + storage, e);
            }
        }
    }

    private String singleName() {
        return location.flatMap(SieveLocation::name).orElseGet(() -> stripExtension(storage.getFileName().toString()));
    }

    private static String stripExtension(String file) {
        return file.endsWith(ScriptNames.EXTENSION) ? file.substring(0, file.length() - ScriptNames.EXTENSION.length()) : file;
    }

    /** Every stored script, by name, with the active one marked. */
    public List<ScriptInfo> list() throws SieveStoreException {
        Kind kind = kind();
        switch (kind) {
            case DISABLED, MISSING -> {
                return List.of();
            }
            case SINGLE_FILE -> {
                return List.of(new ScriptInfo(singleName(), true));
            }
            default -> { }
        }
        Optional<String> activeName = activeName();
        List<ScriptInfo> out = new ArrayList<>();
        for (Stored s : stored()) out.add(new ScriptInfo(s.name, activeName.filter(s.name::equals).isPresent()));
        out.sort(Comparator.comparing(ScriptInfo::name));
        return out;
    }

    private record Stored(String name, long size) {}

    private List<Stored> stored() throws SieveStoreException {
        try {
            return files.inDirectory(storage, dir -> {
                List<Stored> out = new ArrayList<>();
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    for (Path e : entries) {
                        String file = e.getFileName().toString();
                        Optional<String> name = ScriptNames.fromFileName(file);
                        if (name.isEmpty() || isActiveLinkFile(file)) continue;
                        Path entry = dir.resolve(file);
                        if (UserFiles.type(entry) != 'f') continue;
                        out.add(new Stored(name.get(), Files.size(entry)));
                    }
                }
                return out;
            });
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw temporary("cannot list " + storage, e);
        }
    }

    /** True when {@code file} in the storage directory is the active link itself (the link lives there). */
    private boolean isActiveLinkFile(String file) {
        return active.getParent().equals(storage) && active.getFileName().toString().equals(file);
    }

    /** The active script's name, when the active path is a link to a script in the storage directory. */
    public Optional<String> activeName() throws SieveStoreException {
        if (location.isEmpty()) return Optional.empty();
        try {
            return files.inDirectory(active.getParent(), dir -> {
                Path link = dir.resolve(active.getFileName().toString());
                if (UserFiles.type(link) != 'l') return Optional.empty();
                return scriptOfLink(Files.readSymbolicLink(link).toString());
            });
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw temporary("cannot read the active script link " + active, e);
        }
    }

    private Optional<String> scriptOfLink(String target) {
        Path t = Path.of(target);
        Path resolved = (t.isAbsolute() ? t : active.getParent().resolve(t)).normalize();
        if (!storage.equals(resolved.getParent())) {
            log.warn("Active sieve script symlink " + active + " points to " + target
                    + ", which is not in the storage directory: no script is active");
            return Optional.empty();
        }
        return ScriptNames.fromFileName(resolved.getFileName().toString());
    }

    /** True when a script of that name is stored. */
    public boolean exists(String name) throws SieveStoreException {
        checkName(name);
        return stored().stream().anyMatch(s -> s.name.equals(name));
    }

    // ---- reading ----------------------------------------------------------------------------------------

    /** Script {@code name} from storage; NOT_FOUND when there is none. */
    public ScriptFile read(String name) throws SieveStoreException {
        checkName(name);
        Kind kind = kind();
        if (kind == Kind.SINGLE_FILE && name.equals(singleName())) return readFile(name, storage);
        if (kind != Kind.DIRECTORY) throw notFound(name);
        return readFile(name, storage.resolve(ScriptNames.fileName(name)));
    }

    private ScriptFile readFile(String name, Path path) throws SieveStoreException {
        try {
            UserFiles.Read r = files.read(path);
            return new ScriptFile(name, path, r.content(), r.stamp());
        } catch (NoSuchFileException e) {
            throw notFound(name);
        } catch (IOException e) {
            throw temporary("cannot read " + path, e);
        }
    }

    /**
     * The script delivery runs, as Pigeonhole finds it: the single file of a plain-file location; else the script
     * the active link points to, or a regular file at the active path. Empty when none is active (no link, a link
     * outside the storage directory, a link to a missing script).
     */
    public Optional<ScriptFile> readActive() throws SieveStoreException {
        Kind kind = kind();
        if (kind == Kind.DISABLED) return Optional.empty();
        if (kind == Kind.SINGLE_FILE) return Optional.of(readFile(singleName(), storage));
        char type;
        try {
            type = files.inDirectory(active.getParent(), dir -> UserFiles.type(dir.resolve(active.getFileName().toString())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw temporary("cannot look at the active script " + active, e);
        }
        if (type == 'f') {
            try {
                return Optional.of(readFile(stripExtension(active.getFileName().toString()), active));
            } catch (SieveStoreException e) {
                if (e.reason() == Reason.NOT_FOUND) return Optional.empty();
                throw e;
            }
        }
        if (type != 'l') return Optional.empty();
        Optional<String> name = activeName();
        if (name.isEmpty()) return Optional.empty();
        try {
            return Optional.of(readFile(name.get(), storage.resolve(ScriptNames.fileName(name.get()))));
        } catch (SieveStoreException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                log.warn("Active sieve script symlink " + active + " is broken: no script " + name.get());
                return Optional.empty();
            }
            throw e;
        }
    }

    // ---- quota ------------------------------------------------------------------------------------------

    /**
     * Whether a script of {@code size} bytes can be stored as {@code name} (replacing one of that name), as
     * Pigeonhole's {@code sieve_storage_quota_havespace}: the size against {@code sieve_max_script_size}, the
     * count against {@code sieve_quota_max_scripts}, the total of the other scripts plus this one against
     * {@code sieve_quota_max_storage}. Throws the QUOTA_* reason with its limit.
     */
    public void checkSpace(String name, long size) throws SieveStoreException {
        checkName(name);
        if (settings.maxScriptSize() > 0 && size > settings.maxScriptSize()) {
            throw new SieveStoreException(Reason.QUOTA_MAXSIZE, "script is " + size + " bytes, more than "
                    + "sieve_max_script_size", settings.maxScriptSize(), null);
        }
        if (settings.maxStorage() > 0 && size > settings.maxStorage()) {
            // too large for the storage on its own: Pigeonhole answers this before counting scripts
            throw new SieveStoreException(Reason.QUOTA_MAXSTORAGE, "script is " + size + " bytes, more than "
                    + "sieve_quota_max_storage", settings.maxStorage(), null);
        }
        if (settings.maxScripts() == 0 && settings.maxStorage() == 0) return;
        boolean replaces = false;
        long count = 0;
        long total = 0;
        for (Stored s : stored()) {
            if (s.name.equals(name)) {
                replaces = true;
                continue;
            }
            count++;
            total += s.size;
        }
        if (!replaces && settings.maxScripts() > 0 && count + 1 > settings.maxScripts()) {
            throw new SieveStoreException(Reason.QUOTA_MAXSCRIPTS, "would be script " + (count + 1) + ", more than "
                    + "sieve_quota_max_scripts", settings.maxScripts(), null);
        }
        if (settings.maxStorage() > 0 && total + size > settings.maxStorage()) {
            throw new SieveStoreException(Reason.QUOTA_MAXSTORAGE, "scripts would take " + (total + size)
                    + " bytes, more than sieve_quota_max_storage", settings.maxStorage(), null);
        }
    }

    // ---- changing ---------------------------------------------------------------------------------------

    /**
     * Stores {@code content} as script {@code name}, replacing one of that name, after the quota checks. The new
     * file is complete and fsynced before it replaces the old one by rename; the directory is fsynced after, so
     * once this returns the script survives a crash. Validating the script is the caller's (compile first).
     */
    public void put(String name, byte[] content) throws SieveStoreException {
        checkWritable();
        checkNotReserved(name);
        checkSpace(name, content.length);
        write(ScriptNames.fileName(name), content);
    }

    private void write(String file, byte[] content) throws SieveStoreException {
        try {
            files.ensureDirectory(storage.resolve(TMP));
            files.inDirectory(storage, dir -> files.inDirectory(storage.resolve(TMP), tmp -> {
                files.writeAtomically(tmp, dir, file, ch -> UserFiles.copy(new ByteArrayInputStream(content), ch));
                return null;
            }));
        } catch (IOException e) {
            throw temporary("cannot save " + storage.resolve(file), e);
        }
    }

    /**
     * Makes {@code name} the active script: the active path becomes a link to it (relative when the storage
     * directory is beneath the link's directory, as Pigeonhole writes it), replaced atomically. A regular file at
     * the active path is first copied into storage as {@value #RESCUED_NAME}. Activating the active script changes
     * nothing.
     */
    public void activate(String name) throws SieveStoreException {
        checkWritable();
        checkName(name);
        if (!exists(name)) throw notFound(name);
        if (activeName().filter(name::equals).isPresent()) return;
        rescueRegularActive();
        String fileName = ScriptNames.fileName(name);
        Path dir = active.getParent();
        String target = storage.startsWith(dir) ? dir.relativize(storage).resolve(fileName).toString()
                : storage.resolve(fileName).toString();
        try {
            files.ensureDirectory(dir);
            files.inDirectory(dir, pinned -> {
                files.replaceLink(pinned, active.getFileName().toString(), target);
                return null;
            });
        } catch (IOException e) {
            throw temporary("cannot make " + active + " point to " + target, e);
        }
    }

    /**
     * Leaves no script active: removes the active link (a regular file there is first copied into storage as
     * {@value #RESCUED_NAME}). Returns false when nothing was active.
     */
    public boolean deactivate() throws SieveStoreException {
        checkWritable();
        rescueRegularActive();
        try {
            return files.inDirectory(active.getParent(), dir -> {
                Path link = dir.resolve(active.getFileName().toString());
                char type = UserFiles.type(link);
                if (type == 0) return false;
                if (type != 'l' && type != 'f') {
                    throw new AccessDeniedException(active.toString(), null, "neither a link nor a file");
                }
                Files.delete(link);
                UserFiles.syncDirectory(dir);
                return true;
            });
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw temporary("cannot remove the active script link " + active, e);
        }
    }

    private void rescueRegularActive() throws SieveStoreException {
        char type;
        try {
            type = files.inDirectory(active.getParent(), dir -> UserFiles.type(dir.resolve(active.getFileName().toString())));
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw temporary("cannot look at the active script " + active, e);
        }
        if (type == 'l' || type == 0) return;
        if (type != 'f') {
            throw temporary("Active sieve script file " + active + " is no symlink nor a regular file. "
                    + "This needs to be fixed manually.", null);
        }
        ScriptFile regular = readFile(RESCUED_NAME, active);
        Path target = storage.resolve(ScriptNames.fileName(RESCUED_NAME));
        write(ScriptNames.fileName(RESCUED_NAME), regular.content());
        log.info("Moved active sieve script file '" + active + "' to script storage as '" + target + "'.");
    }

    /** Removes script {@code name}; ACTIVE if it is the active one, NOT_FOUND if there is none. */
    public void delete(String name) throws SieveStoreException {
        checkWritable();
        checkName(name);
        if (activeName().filter(name::equals).isPresent()) {
            throw new SieveStoreException(Reason.ACTIVE, "script " + name + " is active");
        }
        String file = ScriptNames.fileName(name);
        if (isActiveLinkFile(file)) throw notFound(name);
        try {
            files.inDirectory(storage, dir -> {
                Path p = dir.resolve(file);
                if (UserFiles.type(p) != 'f') throw new NoSuchFileException(p.toString());
                Files.delete(p);
                UserFiles.syncDirectory(dir);
                return null;
            });
        } catch (NoSuchFileException e) {
            throw notFound(name);
        } catch (IOException e) {
            throw temporary("cannot delete " + storage.resolve(file), e);
        }
    }

    /**
     * Renames script {@code from} to {@code to}: NOT_FOUND without {@code from}, EXISTS when {@code to} is taken.
     * The new name is made by a hard link (which cannot replace an existing file), the active link moved to it when
     * {@code from} was active, and only then the old name removed, so the active script never disappears.
     */
    public void rename(String from, String to) throws SieveStoreException {
        checkWritable();
        checkName(from);
        checkNotReserved(to);
        String fromFile = ScriptNames.fileName(from);
        String toFile = ScriptNames.fileName(to);
        if (isActiveLinkFile(fromFile)) throw notFound(from);
        boolean wasActive = activeName().filter(from::equals).isPresent();
        try {
            files.read(storage.resolve(fromFile)); // exists, a regular file, the user's
            files.inDirectory(storage, dir -> {
                Files.createLink(dir.resolve(toFile), dir.resolve(fromFile));
                UserFiles.syncDirectory(dir);
                return null;
            });
        } catch (NoSuchFileException e) {
            throw notFound(from);
        } catch (FileAlreadyExistsException e) {
            throw new SieveStoreException(Reason.EXISTS, "script " + to + " exists");
        } catch (IOException e) {
            throw temporary("cannot rename " + fromFile + " to " + toFile + " in " + storage, e);
        }
        if (wasActive) activate(to);
        try {
            files.inDirectory(storage, dir -> {
                Files.delete(dir.resolve(fromFile));
                UserFiles.syncDirectory(dir);
                return null;
            });
        } catch (IOException e) {
            throw temporary("cannot remove " + fromFile + " after linking it as " + toFile, e);
        }
    }

    // ---- checks -----------------------------------------------------------------------------------------

    private void checkWritable() throws SieveStoreException {
        Kind kind = kind();
        if (kind == Kind.DISABLED) {
            throw new SieveStoreException(Reason.NOT_POSSIBLE, "personal Sieve scripts are disabled (sieve is empty)");
        }
        if (kind == Kind.SINGLE_FILE) {
            throw new SieveStoreException(Reason.NOT_POSSIBLE, "Sieve storage path " + storage
                    + " is not a directory, but it is to be opened for write access");
        }
    }

    private static void checkName(String name) throws SieveStoreException {
        Optional<String> problem = ScriptNames.problem(name);
        if (problem.isPresent()) throw new SieveStoreException(Reason.BAD_NAME, problem.get());
    }

    /** A name whose file would be the active link itself (when the link lives in the storage directory). */
    private void checkNotReserved(String name) throws SieveStoreException {
        checkName(name);
        if (location.isPresent() && isActiveLinkFile(ScriptNames.fileName(name))) {
            throw new SieveStoreException(Reason.BAD_NAME, "Script name '" + name + "' is reserved for internal use.");
        }
    }

    private static SieveStoreException notFound(String name) {
        return new SieveStoreException(Reason.NOT_FOUND, "no script " + name);
    }

    private SieveStoreException temporary(String what, Throwable cause) {
        String detail = cause == null ? "" : ": " + cause;
        return new SieveStoreException(Reason.TEMPORARY, what + detail + " (user " + user.username() + ")", cause);
    }
}
