package org.loftmail.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.log.MailLog;
import org.loftmail.smtp.codec.SmtpReply;
import org.loftmail.smtp.codec.SyntaxException;

class ServerTransactionTest {

    @TempDir
    Path temp;

    private ServerTransaction<String> transaction(long maxSize, int maxRecipients) {
        ServerTransaction<String> t = new ServerTransaction<>(new ServerLimits(temp, maxSize, maxRecipients, 100),
                MailLog.of("smtp"));
        t.hello("client.example");
        return t;
    }

    private static byte[] line(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(Intake.Received<String> received) throws IOException {
        try (InputStream in = received.spool().open()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void mailChecksItsParametersAndTheSizeLimit() {
        ServerTransaction<String> t = transaction(1000, 10);
        assertThat(t.mail("FROM:<a@b> SIZE=x").summary()).isEqualTo("501 5.5.4 Invalid SIZE parameter");
        assertThat(t.mail("FROM:<a@b> BODY=BINARYMIME").summary()).isEqualTo("501 5.5.4 Unsupported BODY parameter");
        assertThat(t.mail("FROM:<a@b> AUTH=<>").summary()).isEqualTo("555 5.5.4 Unsupported parameter: AUTH");
        assertThat(t.mail("FROM:<a@b> SIZE=1001")).isEqualTo(SmtpReply.TOO_BIG);
        assertThat(t.state()).isEqualTo(ServerState.READY);
        assertThat(t.mail("FROM:<a@b> SIZE=1000 BODY=8bitmime")).isEqualTo(SmtpReply.OK_MAIL);
        assertThat(t.state()).isEqualTo(ServerState.TRANSACTION);
        assertThat(t.sender()).isEqualTo("a@b");
        assertThat(t.sizeHint()).isEqualTo(1000);
    }

    @Test
    void recipientsAreLimitedAndCarryTheirOrcpt() throws Exception {
        ServerTransaction<String> t = transaction(0, 2);
        t.mail("FROM:<>");
        RecipientRequest r = t.rcpt("TO:<x@y> ORCPT=rfc822;orig+40y NOTIFY=NEVER", false);
        assertThat(r).isEqualTo(new RecipientRequest("x@y", "orig@y"));
        t.addRecipient("x@y");
        t.addRecipient("z@y");
        assertThatThrownBy(() -> t.rcpt("TO:<w@y>", false))
                .isInstanceOfSatisfying(SyntaxException.class,
                        e -> assertThat(e.reply()).isEqualTo(SmtpReply.TOO_MANY_RECIPIENTS));
        assertThatThrownBy(() -> t.rcpt("TO:<w@y> ORCPT=bad", false)).isInstanceOf(SyntaxException.class);
    }

    @Test
    void dataIsUnstuffedAndHandedOverWithItsRecipients() throws Exception {
        ServerTransaction<String> t = transaction(0, 10);
        t.mail("FROM:<s@x>");
        assertThat(t.data("")).isEqualTo(SmtpReply.NO_RECIPIENTS);
        t.addRecipient("r@x");
        assertThat(t.data("now")).isEqualTo(SmtpReply.of(501, "5.5.4", "DATA takes no parameters"));
        assertThat(t.data("")).isEqualTo(SmtpReply.START_DATA);
        assertThat(t.dataLine(line("Subject: s\r"))).isInstanceOf(Intake.More.class);
        assertThat(t.dataLine(line("..dot\r"))).isInstanceOf(Intake.More.class);
        assertThat(t.dataLine(line("."))).isInstanceOf(Intake.More.class); // bare LF: not the end
        assertThat(t.dataLine(line(".\r"))).isInstanceOf(Intake.More.class); // after a bare LF: not the end
        assertThat(t.dataLine(line("more\r"))).isInstanceOf(Intake.More.class);
        Intake<String> end = t.dataLine(line(".\r"));
        assertThat(end).isInstanceOf(Intake.Received.class);
        try (Intake.Received<String> received = (Intake.Received<String>) end) {
            assertThat(received.sender()).isEqualTo("s@x");
            assertThat(received.recipients()).containsExactly("r@x");
            assertThat(text(received)).isEqualTo("Subject: s\r\n.dot\r\n.\r\n.\r\nmore\r\n");
        }
        assertThat(t.state()).isEqualTo(ServerState.READY);
        assertThat(t.recipients()).isEmpty();
        assertThat(t.heloName()).isEqualTo("client.example");
    }

    @Test
    void anOverlongOrOverSizeMessageIsRefusedForEveryRecipient() {
        ServerTransaction<String> t = transaction(10, 10);
        t.mail("FROM:<s@x>");
        t.addRecipient("a@x");
        t.addRecipient("b@x");
        t.data("");
        t.dataLine(line("x".repeat(101) + "\r"));
        assertThat(t.dataLine(line(".\r"))).isEqualTo(new Intake.Refused<>(Intake.Reason.LINE_TOO_LONG,
                java.util.List.of("a@x", "b@x")));
        t.mail("FROM:<s@x>");
        t.addRecipient("a@x");
        t.data("");
        t.dataLine(line("0123456789abc\r"));
        assertThat(t.dataLine(line(".\r"))).isEqualTo(new Intake.Refused<>(Intake.Reason.TOO_BIG,
                java.util.List.of("a@x")));
    }

    @Test
    void bdatChunksAddUpAndAFailedChunkFailsTheRestUntilRset() throws Exception {
        ServerTransaction<String> t = transaction(20, 10);
        SmtpReply helloFirst = SmtpReply.of(503, "5.5.1", "hello first");
        assertThat(t.bdat("x", helloFirst)).isInstanceOf(BdatStart.Unreadable.class);
        assertThat(t.bdat("3", helloFirst)).isEqualTo(new BdatStart.Read(3));
        assertThat(t.chunk(line("abc"), true)).isEqualTo(new Intake.Answer<>(SmtpReply.MAIL_FIRST));
        t.mail("FROM:<s@x>");
        t.addRecipient("a@x");
        t.bdat("3", helloFirst);
        assertThat(t.chunk(line("ab"), false)).isInstanceOf(Intake.More.class);
        assertThat(t.chunk(line("c"), true)).isEqualTo(new Intake.Answer<>(SmtpReply.of(250, "2.0.0",
                "Added 3 octets")));
        assertThat(t.state()).isEqualTo(ServerState.CHUNKING);
        assertThat(t.data("")).isEqualTo(SmtpReply.DATA_AFTER_BDAT);
        t.bdat("4 LAST", helloFirst);
        try (Intake.Received<String> received = (Intake.Received<String>) t.chunk(line("d\r\ne"), true)) {
            assertThat(text(received)).isEqualTo("abcd\r\ne");
        }
        t.mail("FROM:<s@x>");
        t.addRecipient("a@x");
        t.bdat("30", helloFirst);
        assertThat(t.chunk(line("y".repeat(30)), true)).isEqualTo(new Intake.Answer<>(SmtpReply.TOO_BIG));
        t.bdat("1 LAST", helloFirst);
        assertThat(t.chunk(line("z"), true)).isEqualTo(new Intake.Answer<>(SmtpReply.BDAT_FAILED_BEFORE));
        t.reset();
        assertThat(t.state()).isEqualTo(ServerState.READY);
    }

    @Test
    void startTlsForgetsTheHello() {
        ServerTransaction<String> t = transaction(0, 10);
        t.mail("FROM:<s@x>");
        t.resetForTls();
        assertThat(t.state()).isEqualTo(ServerState.GREETED);
        assertThat(t.heloName()).isEmpty();
        assertThat(t.sender()).isNull();
    }
}
