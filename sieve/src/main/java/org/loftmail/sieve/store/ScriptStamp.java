package org.loftmail.sieve.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * How a script file looked when it was read: device, inode, size and change times. A compiled script can be reused
 * while the file's stamp is unchanged (a save replaces the file by rename, so the inode changes too).
 */
public record ScriptStamp(long device, long inode, long size, long modifiedNanos, long changedNanos) {

    static ScriptStamp of(Path pinned) throws IOException {
        Map<String, Object> a = Files.readAttributes(pinned, "unix:dev,ino,size,lastModifiedTime,ctime");
        return new ScriptStamp((Long) a.get("dev"), (Long) a.get("ino"), (Long) a.get("size"),
                nanos((FileTime) a.get("lastModifiedTime")), nanos((FileTime) a.get("ctime")));
    }

    private static long nanos(FileTime t) {
        return t.to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
