package org.loftmail.sieve.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.loftmail.core.mime.EncodedWords;
import org.loftmail.core.mime.HeaderField;
import org.loftmail.sieve.compile.Instruction;

/**
 * RFC 5293 editheader on the header the script sees. Fields that carry the message's trace or structure cannot be
 * touched (Received, Auto-Submitted, Content-* and MIME-Version), as Pigeonhole protects them.
 */
final class EditHeader {

    /** Pigeonhole's default sieve_editheader_protected: edits of these are ignored. */
    static final Set<String> PROTECTED = Set.of("received", "auto-submitted");
    static final int MAX_VALUE = 2048;

    private EditHeader() {}

    static void add(SieveMail mail, String name, String value, boolean last) {
        check(name);
        if (PROTECTED.contains(name.toLowerCase(Locale.ROOT))) return;
        if (value.length() > MAX_VALUE || value.indexOf('\0') >= 0) {
            throw new SieveRuntimeException("addheader action: specified value for header field '" + name
                    + "' is invalid");
        }
        // header fields hold byte strings (one char per byte); continuation lines keep their leading blank
        String folded = value.replace("\r\n", "\n").replace("\n", "\n ");
        HeaderField f = new HeaderField(name, new String(folded.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1));
        List<HeaderField> h = mail.mutableHeader();
        if (last) h.add(f);
        else h.add(0, f);
        mail.edited();
    }

    static void delete(Interpreter run, Instruction c) {
        String name = run.str(c.string(0));
        check(name);
        if (PROTECTED.contains(name.toLowerCase(Locale.ROOT))) return;
        List<String> patterns = c.positional().get(1) == null ? null : run.strs(c.strings(1));
        List<HeaderField> h = run.mail.mutableHeader();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            if (h.get(i).is(name)) indexes.add(i);
        }
        Long index = c.tagNumber("index");
        if (index != null) {
            int n = (int) Math.min(index, Integer.MAX_VALUE);
            if (n < 1 || n > indexes.size()) return;
            int pick = c.has("last") ? indexes.get(indexes.size() - n) : indexes.get(n - 1);
            indexes = List.of(pick);
        }
        List<HeaderField> remove = new ArrayList<>();
        for (int i : indexes) {
            HeaderField f = h.get(i);
            if (patterns == null || KeyMatcher.matches(c.match(), List.of(EncodedWords.decode(f.value()).strip()),
                    patterns, null, false)) {
                remove.add(f);
            }
        }
        if (!remove.isEmpty()) {
            h.removeAll(remove);
            run.mail.edited();
        }
    }

    private static void check(String name) {
        if (name.isEmpty() || !name.chars().allMatch(ch -> ch > 32 && ch < 127 && ch != ':')) {
            throw new SieveRuntimeException("editheader: specified header field name '"
                    + Interpreter.printable(name) + "' is invalid");
        }
    }
}
