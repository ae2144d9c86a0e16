package org.loftmail.auth.passdb;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.loftmail.auth.AuthRequest;
import org.loftmail.auth.AuthTemplates;

/**
 * The args of a passwd-file passdb or userdb: {@code [scheme=S] [username_format=F] PATH}, where
 * PATH may hold variables ({@code /etc/dovecot/%d/passwd}): one {@link PasswdFile} per expanded
 * path.
 */
public final class PasswdFileSource {
    private final String pathTemplate;
    private final String usernameFormat;
    private final String scheme;
    private final Map<String, PasswdFile> files = new ConcurrentHashMap<>();

    public PasswdFileSource(String args) {
        String path = null;
        String format = "%u";
        String schemeArg = "CRYPT";
        for (String token : args.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (token.startsWith("scheme=")) {
                schemeArg = token.substring("scheme=".length());
            } else if (token.startsWith("username_format=")) {
                format = token.substring("username_format=".length());
            } else if (path == null) {
                path = token;
            } else {
                throw new IllegalArgumentException("passwd-file: unexpected argument '" + token + "'");
            }
        }
        if (path == null) {
            throw new IllegalArgumentException("passwd-file: missing the file name in args");
        }
        AuthTemplates.validate(path, "passwd-file path");
        AuthTemplates.validate(format, "passwd-file username_format");
        this.pathTemplate = path;
        this.usernameFormat = format;
        this.scheme = schemeArg;
    }

    /** The default password scheme for passwords without a {SCHEME} prefix. */
    public String scheme() {
        return scheme;
    }

    public PasswdFileEntry lookup(AuthRequest request) throws PasswdFile.UnreadableException {
        return file(request).lookup(AuthTemplates.expand(usernameFormat, request, s -> s));
    }

    /** Users of the file the request's path expands to (for iteration, with an empty request user). */
    public List<String> users(AuthRequest request) throws PasswdFile.UnreadableException {
        return file(request).users();
    }

    private PasswdFile file(AuthRequest request) {
        // The path's variables are never trusted to escape a directory: a user name with "/" or ".."
        // is already refused by auth_username_chars, and here again.
        String expanded = AuthTemplates.expand(pathTemplate, request, s -> s.replace("/", "_").replace("..", "__"));
        return files.computeIfAbsent(expanded, p -> new PasswdFile(Path.of(p)));
    }
}
