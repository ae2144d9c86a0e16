package org.loftmail.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserPathsTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            maildir:/var/vmail/example.com/joe/Maildir                  | ''
            maildir:~/Maildir                                           | ''
            maildir:/home/joe/                                          | ''
            /var/mail/joe                                               | ''
            maildir:/var/vmail/../../Maildir                            | path component '..' in /var/vmail/../../Maildir is not allowed
            maildir:/var/vmail/./x/Maildir                              | path component '.' in /var/vmail/./x/Maildir is not allowed
            maildir:/var/vmail/example.com//Maildir                     | empty path component in /var/vmail/example.com//Maildir is not allowed
            maildir:/var/vmail/x:INDEX=/var/idx/..                      | path component '..' in /var/idx/.. is not allowed
            maildir:/var/vmail/x:LAYOUT=fs:INBOX=/var/mail/x            | ''
            maildir:/var/a::b/x                                         | ''
            mbox:~/mail:INBOX=/var/mail/..                              | path component '..' in /var/mail/.. is not allowed
            """)
    void locations(String location, String problem) {
        assertThat(UserPaths.locationProblem(location).orElse("")).isEqualTo(problem);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /home/joe      | true
            /home/joe/     | true
            /              | true
            ''             | true
            /home/..       | false
            ..             | false
            /home//joe     | false
            """)
    void homes(String home, boolean fine) {
        assertThat(UserPaths.problem(home)).as(home).matches(p -> p.isEmpty() == fine);
    }
}
