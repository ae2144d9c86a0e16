package org.loftmail.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Maildir file names: Dovecot's shapes, sizes, flag letters, round trips. */
class MaildirFilenameTest {

    @Test
    void readsDovecotAndOtherAgentsNames() {
        MaildirFilename d = MaildirFilename.parse("1795407620.M375383P14802.vm,S=167,W=175:2,FSa");
        assertThat(d.base()).isEqualTo("1795407620.M375383P14802.vm,S=167,W=175");
        assertThat(d.flagLetters()).isEqualTo("FSa");
        assertThat(d.physicalSize()).hasValue(167);
        assertThat(d.virtualSize()).hasValue(175);
        MaildirFilename p = MaildirFilename.parse("1800000000.V801I2M3.postfix");
        assertThat(p.flagLetters()).isEmpty();
        assertThat(p.physicalSize()).isEmpty();
        assertThat(MaildirFilename.parse("1.2.host:2,")).isEqualTo(new MaildirFilename("1.2.host", ""));
        assertThat(MaildirFilename.parse(".hidden")).isNull();
        assertThat(MaildirFilename.parse("x:1,whatever").flagLetters()).as("experimental info is not flags").isEmpty();
        assertThat(MessageWriter.escapeHost("a/b:c")).isEqualTo("a\\057b\\072c");
    }

    @Property(tries = 200)
    void lettersAreSortedAndUniqueAndRoundTrip(@ForAll @AlphaChars @StringLength(max = 20) String letters,
            @ForAll @NumericChars @StringLength(min = 1, max = 10) String secs) {
        MaildirFilename f = new MaildirFilename(secs + ".M1P2.host,S=10,W=12", letters);
        assertThat(f.flagLetters().chars().distinct().sorted().toArray()).isEqualTo(f.flagLetters().chars().toArray());
        assertThat(MaildirFilename.parse(f.fileName())).isEqualTo(f);
        assertThat(f.fileName()).startsWith(secs + ".M1P2.host,S=10,W=12:2,");
    }
}
