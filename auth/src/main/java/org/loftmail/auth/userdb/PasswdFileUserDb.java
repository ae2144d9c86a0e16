package org.loftmail.auth.userdb;

import java.util.List;
import org.loftmail.auth.AuthRequest;
import org.loftmail.auth.ClientInfo;
import org.loftmail.auth.passdb.PasswdFile;
import org.loftmail.auth.passdb.PasswdFileEntry;
import org.loftmail.auth.passdb.PasswdFileSource;

/** userdb passwd-file: uid, gid and home columns plus the userdb_ extra fields. */
public final class PasswdFileUserDb implements UserDb {
    private final PasswdFileSource source;

    public PasswdFileUserDb(String args) {
        this.source = new PasswdFileSource(args);
    }

    @Override
    public String driverName() {
        return "passwd-file";
    }

    @Override
    public UserDbResult lookup(AuthRequest request) {
        PasswdFileEntry entry;
        try {
            entry = source.lookup(request);
        } catch (PasswdFile.UnreadableException e) {
            return UserDbResult.internalFailure(e.getMessage());
        }
        return entry == null ? UserDbResult.unknownUser() : UserDbResult.ok(entry.userdbFields());
    }

    @Override
    public List<String> iterateUsers() {
        try {
            return source.users(new AuthRequest(ClientInfo.local("doveadm"), "", ""));
        } catch (PasswdFile.UnreadableException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
