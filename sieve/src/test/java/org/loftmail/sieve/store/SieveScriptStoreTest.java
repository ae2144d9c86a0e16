package org.loftmail.sieve.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.log.MailLog;
import org.loftmail.sieve.store.SieveStoreException.Reason;

class SieveScriptStoreTest {

    private static final String SPAM = "require [\"fileinto\"];\nif header :contains \"X-Spam-Flag\" \"YES\" {\n  fileinto \"Spam\";\n}\n";

    @TempDir
    Path tmp;
    Path home;
    Path outside;

    @BeforeEach
    void dirs() throws IOException {
        home = Files.createDirectories(tmp.resolve("home/jsmith"));
        outside = Files.createDirectories(tmp.resolve("outside"));
    }

    private SieveScriptStore store(SieveStoreSettings settings) throws SieveStoreException {
        return SieveScriptStore.open(settings, SieveUser.of("jsmith", home), UnaryOperator.identity(),
                MailLog.of("test", "jsmith"));
    }

    private SieveScriptStore store() throws SieveStoreException {
        return store(SieveStoreSettings.DEFAULTS);
    }

    private static Reason reason(ThrowingRunnable r) {
        try {
            r.run();
        } catch (SieveStoreException e) {
            return e.reason();
        }
        throw new AssertionError("no SieveStoreException");
    }

    interface ThrowingRunnable {
        void run() throws SieveStoreException;
    }

    @Test
    void putListGetActivateAsPigeonholeLaysThemOut() throws Exception {
        SieveScriptStore s = store();
        assertThat(s.list()).isEmpty();
        assertThat(s.readActive()).isEmpty();
        s.put("spam", SPAM.getBytes(UTF_8));
        s.put("other", "keep;".getBytes(UTF_8));
        assertThat(Files.readString(home.resolve("sieve/spam.sieve"))).isEqualTo(SPAM);
        assertThat(s.list()).containsExactly(new ScriptInfo("other", false), new ScriptInfo("spam", false));

        s.activate("spam");
        Path link = home.resolve(".dovecot.sieve");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link).toString()).isEqualTo("sieve/spam.sieve");
        assertThat(s.list()).containsExactly(new ScriptInfo("other", false), new ScriptInfo("spam", true));
        assertThat(new String(s.readActive().orElseThrow().content(), UTF_8)).isEqualTo(SPAM);
        assertThat(s.readActive().orElseThrow().name()).isEqualTo("spam");
        assertThat(new String(s.read("other").content(), UTF_8)).isEqualTo("keep;");

        // the temporary directory holds nothing after the saves
        try (var leftovers = Files.list(home.resolve("sieve/tmp"))) {
            assertThat(leftovers).isEmpty();
        }
    }

    @Test
    void putReplacesAndChangesTheStamp() throws Exception {
        SieveScriptStore s = store();
        s.put("a", "keep;".getBytes(UTF_8));
        s.activate("a");
        ScriptStamp before = s.readActive().orElseThrow().stamp();
        s.put("a", "discard;".getBytes(UTF_8));
        ScriptFile after = s.readActive().orElseThrow();
        assertThat(new String(after.content(), UTF_8)).isEqualTo("discard;");
        assertThat(after.stamp()).isNotEqualTo(before);
    }

    @Test
    void deleteRefusesTheActiveScriptAndDeactivateRemovesTheLink() throws Exception {
        SieveScriptStore s = store();
        s.put("a", "keep;".getBytes(UTF_8));
        s.activate("a");
        assertThat(reason(() -> s.delete("a"))).isEqualTo(Reason.ACTIVE);
        assertThat(s.deactivate()).isTrue();
        assertThat(Files.exists(home.resolve(".dovecot.sieve"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(s.deactivate()).isFalse();
        s.delete("a");
        assertThat(s.list()).isEmpty();
        assertThat(reason(() -> s.delete("a"))).isEqualTo(Reason.NOT_FOUND);
        assertThat(reason(() -> s.activate("a"))).isEqualTo(Reason.NOT_FOUND);
        assertThat(reason(() -> s.read("a"))).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void renameMovesTheActiveLinkAndRefusesTakenNames() throws Exception {
        SieveScriptStore s = store();
        s.put("a", "keep;".getBytes(UTF_8));
        s.put("b", "discard;".getBytes(UTF_8));
        s.activate("a");
        assertThat(reason(() -> s.rename("a", "b"))).isEqualTo(Reason.EXISTS);
        assertThat(reason(() -> s.rename("zz", "c"))).isEqualTo(Reason.NOT_FOUND);
        s.rename("a", "c");
        assertThat(s.list()).containsExactly(new ScriptInfo("b", false), new ScriptInfo("c", true));
        assertThat(Files.readSymbolicLink(home.resolve(".dovecot.sieve")).toString()).isEqualTo("sieve/c.sieve");
        assertThat(new String(s.readActive().orElseThrow().content(), UTF_8)).isEqualTo("keep;");
        s.rename("b", "d");
        assertThat(s.list()).containsExactly(new ScriptInfo("c", true), new ScriptInfo("d", false));
    }

    @Test
    void aRegularFileAtTheActivePathRunsAndIsRescuedLikePigeonholeDoes() throws Exception {
        Files.writeString(home.resolve(".dovecot.sieve"), SPAM);
        SieveScriptStore s = store();
        assertThat(new String(s.readActive().orElseThrow().content(), UTF_8)).isEqualTo(SPAM);
        assertThat(s.list()).isEmpty(); // not a stored script, and nothing is marked active
        s.put("new", "keep;".getBytes(UTF_8));
        s.activate("new");
        assertThat(Files.readString(home.resolve("sieve/dovecot.orig.sieve"))).isEqualTo(SPAM);
        assertThat(s.list()).containsExactly(new ScriptInfo("dovecot.orig", false), new ScriptInfo("new", true));
    }

    @Test
    void deactivatingARegularActiveFileKeepsItsContentInStorage() throws Exception {
        Files.writeString(home.resolve(".dovecot.sieve"), SPAM);
        SieveScriptStore s = store();
        assertThat(s.deactivate()).isTrue();
        assertThat(s.readActive()).isEmpty();
        assertThat(new String(s.read("dovecot.orig").content(), UTF_8)).isEqualTo(SPAM);
    }

    @Test
    void quotasAsPigeonholeCountsThem() throws Exception {
        SieveScriptStore s = store(SieveStoreSettings.DEFAULTS.withQuota(2, 20, 10));
        assertThat(reason(() -> s.put("big", "x".repeat(11).getBytes(UTF_8)))).isEqualTo(Reason.QUOTA_MAXSIZE);
        s.put("a", "1234567890".getBytes(UTF_8));
        s.put("b", "123456789".getBytes(UTF_8));
        SieveStoreException e = org.junit.jupiter.api.Assertions.assertThrows(SieveStoreException.class,
                () -> s.put("c", "1".getBytes(UTF_8)));
        assertThat(e.reason()).isEqualTo(Reason.QUOTA_MAXSCRIPTS);
        assertThat(e.limit()).isEqualTo(2);
        // replacing counts the new size instead of the old one
        s.put("b", "1234567890".getBytes(UTF_8));
        assertThat(reason(() -> s.checkSpace("b", 11))).isEqualTo(Reason.QUOTA_MAXSIZE);
        s.delete("b");
        assertThat(reason(() -> s.put("c", "12345678901".getBytes(UTF_8)))).isEqualTo(Reason.QUOTA_MAXSIZE);
        SieveScriptStore t = store(SieveStoreSettings.DEFAULTS.withQuota(0, 20, 0));
        assertThat(reason(() -> t.put("c", "12345678901".getBytes(UTF_8)))).isEqualTo(Reason.QUOTA_MAXSTORAGE);
        t.put("c", "1234567890".getBytes(UTF_8));
    }

    @Test
    void badNamesNeverReachTheDisk() throws Exception {
        SieveScriptStore s = store();
        for (String name : List.of("../../outside/x", "a/b", "", "x\u0000y", "line\nbreak")) {
            assertThat(reason(() -> s.put(name, "keep;".getBytes(UTF_8)))).isEqualTo(Reason.BAD_NAME);
            assertThat(reason(() -> s.activate(name))).isEqualTo(Reason.BAD_NAME);
            assertThat(reason(() -> s.rename("x", name))).isEqualTo(Reason.BAD_NAME);
        }
        try (var stream = Files.list(outside)) {
            assertThat(stream).isEmpty();
        }
    }

    @Test
    void theActiveLinksNameIsReservedWhenItLivesInTheStorageDirectory() throws Exception {
        SieveScriptStore s = store(SieveStoreSettings.DEFAULTS.withSieve("file:~/sieve;active=~/sieve/active.sieve"));
        assertThat(reason(() -> s.put("active", "keep;".getBytes(UTF_8)))).isEqualTo(Reason.BAD_NAME);
        s.put("a", "keep;".getBytes(UTF_8));
        s.activate("a");
        assertThat(Files.readSymbolicLink(home.resolve("sieve/active.sieve")).toString()).isEqualTo("a.sieve");
        assertThat(s.list()).containsExactly(new ScriptInfo("a", true));
    }

    @Test
    void legacySieveDirAndThePlainFileForm() throws Exception {
        SieveScriptStore legacy = store(new SieveStoreSettings("~/.dovecot.sieve", "~/sv", 0, 0, 0));
        legacy.put("x", "keep;".getBytes(UTF_8));
        legacy.activate("x");
        assertThat(Files.readSymbolicLink(home.resolve(".dovecot.sieve")).toString()).isEqualTo("sv/x.sieve");

        Files.writeString(home.resolve("single.sieve"), SPAM);
        SieveScriptStore single = store(SieveStoreSettings.DEFAULTS.withSieve("~/single.sieve"));
        assertThat(single.list()).containsExactly(new ScriptInfo("single", true));
        assertThat(single.readActive().orElseThrow().name()).isEqualTo("single");
        assertThat(reason(() -> single.put("y", "keep;".getBytes(UTF_8)))).isEqualTo(Reason.NOT_POSSIBLE);

        SieveScriptStore disabled = store(SieveStoreSettings.DEFAULTS.withSieve(""));
        assertThat(disabled.list()).isEmpty();
        assertThat(disabled.readActive()).isEmpty();
        assertThat(reason(() -> disabled.put("y", "keep;".getBytes(UTF_8)))).isEqualTo(Reason.NOT_POSSIBLE);
    }

    @Test
    void percentVariablesAndAStorageOutsideTheHome() throws Exception {
        SieveStoreSettings settings = SieveStoreSettings.DEFAULTS.withSieve(
                "file:" + tmp + "/vsieve/%u;active=" + tmp + "/vsieve/%u/active.sieve");
        SieveScriptStore s = SieveScriptStore.open(settings, SieveUser.of("jsmith", home),
                t -> t.replace("%u", "jsmith"), MailLog.of("test", "jsmith"));
        s.put("a", "keep;".getBytes(UTF_8));
        s.activate("a");
        assertThat(Files.readString(tmp.resolve("vsieve/jsmith/a.sieve"))).isEqualTo("keep;");
        assertThat(s.readActive().orElseThrow().name()).isEqualTo("a");
        assertThatThrownBy(() -> SieveScriptStore.open(settings, SieveUser.of("..", home),
                t -> t.replace("%u", ".."), MailLog.of("test", ".."))).isInstanceOf(SieveStoreException.class);
    }

    // ---- hostile links planted by the user ----------------------------------------------------------------

    @Test
    void aStorageDirectoryLinkedOutOfTheHomeIsNeitherWrittenNorRead() throws Exception {
        Files.writeString(outside.resolve("secret.sieve"), "secret");
        Files.createSymbolicLink(home.resolve("sieve"), outside);
        SieveScriptStore s = store();
        assertThat(reason(() -> s.put("x", "keep;".getBytes(UTF_8)))).isEqualTo(Reason.TEMPORARY);
        assertThat(reason(() -> s.read("secret"))).isEqualTo(Reason.TEMPORARY);
        assertThat(reason(s::list)).isEqualTo(Reason.TEMPORARY);
        try (var stream = Files.list(outside)) {
            assertThat(stream.map(p -> p.getFileName().toString())).containsExactly("secret.sieve");
        }
    }

    @Test
    void aScriptFileLinkedOutOfTheHomeIsNotRead() throws Exception {
        Files.writeString(outside.resolve("secret"), "secret");
        Files.createDirectories(home.resolve("sieve"));
        Files.createSymbolicLink(home.resolve("sieve/evil.sieve"), outside.resolve("secret"));
        Files.createSymbolicLink(home.resolve(".dovecot.sieve"), Path.of("sieve/evil.sieve"));
        SieveScriptStore s = store();
        assertThat(s.list()).isEmpty(); // a link is not a stored script
        assertThat(reason(() -> s.read("evil"))).isEqualTo(Reason.TEMPORARY);
        assertThat(reason(s::readActive)).isEqualTo(Reason.TEMPORARY);
    }

    @Test
    void anActiveLinkOutOfTheStorageMeansNoActiveScript() throws Exception {
        Files.writeString(outside.resolve("secret.sieve"), "secret");
        Files.createSymbolicLink(home.resolve(".dovecot.sieve"), outside.resolve("secret.sieve"));
        SieveScriptStore s = store();
        assertThat(s.readActive()).isEmpty();
        assertThat(s.activeName()).isEmpty();
        Files.delete(home.resolve(".dovecot.sieve"));
        Files.createSymbolicLink(home.resolve(".dovecot.sieve"), Path.of("sieve/../../../outside/secret.sieve"));
        assertThat(s.readActive()).isEmpty();
        // activating replaces the planted link instead of writing through it
        s.put("a", "keep;".getBytes(UTF_8));
        s.activate("a");
        assertThat(Files.readString(outside.resolve("secret.sieve"))).isEqualTo("secret");
        assertThat(s.readActive().orElseThrow().name()).isEqualTo("a");
    }

    @Test
    void aTmpDirectoryLinkedOutIsRefused() throws Exception {
        Files.createDirectories(home.resolve("sieve"));
        Files.createSymbolicLink(home.resolve("sieve/tmp"), outside);
        SieveScriptStore s = store();
        assertThat(reason(() -> s.put("x", "keep;".getBytes(UTF_8)))).isEqualTo(Reason.TEMPORARY);
        try (var stream = Files.list(outside)) {
            assertThat(stream).isEmpty();
        }
    }

    @Test
    void aHomeWithoutTildeSupportNeedsAHome() {
        assertThatThrownBy(() -> SieveScriptStore.open(SieveStoreSettings.DEFAULTS,
                SieveUser.of("nohome", null), UnaryOperator.identity(), MailLog.of("test")))
                .isInstanceOf(SieveStoreException.class).hasMessageContaining("home");
    }

    @Test
    void asRootNewFilesAreTheUsersAndFilesNotTheUsersAreRefused() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.loftmail.core.fs.NativeFileCalls.get().effectiveUid() == 0);
        int uid = 65534;
        Files.setAttribute(home, "unix:uid", uid);
        SieveScriptStore s = SieveScriptStore.open(SieveStoreSettings.DEFAULTS,
                new SieveUser("jsmith", java.util.Optional.of(home), java.util.OptionalInt.of(uid),
                        java.util.OptionalInt.of(uid)), UnaryOperator.identity(), MailLog.of("test", "jsmith"));
        s.put("a", "keep;".getBytes(UTF_8));
        s.activate("a");
        for (String p : List.of("sieve", "sieve/tmp", "sieve/a.sieve", ".dovecot.sieve")) {
            assertThat(Files.getAttribute(home.resolve(p), "unix:uid", LinkOption.NOFOLLOW_LINKS)).as(p).isEqualTo(uid);
        }
        assertThat(s.readActive()).isPresent();
        // a hard link to (or a copy of) a file that is root's is not the user's script
        Files.writeString(home.resolve("sieve/root.sieve"), "root");
        assertThat(reason(() -> s.read("root"))).isEqualTo(Reason.TEMPORARY);
    }
}
