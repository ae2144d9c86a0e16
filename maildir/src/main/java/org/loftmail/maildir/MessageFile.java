package org.loftmail.maildir;

/**
 * A Maildir message's location in the shared index ({@code IndexRecord.location}): its path below the Maildir,
 * {@code cur/<file name>} or {@code new/<file name>}. The file name carries the flags, so it changes with them;
 * the index record's key is the base name, which does not.
 */
final class MessageFile {

    private static final String NEW = "new/";
    private static final String CUR = "cur/";

    private MessageFile() {}

    static String location(boolean inNew, String fileName) {
        return (inNew ? NEW : CUR) + fileName;
    }

    static boolean inNew(String location) {
        return location.startsWith(NEW);
    }

    static String fileName(String location) {
        return location.substring(NEW.length());
    }

    /** True when {@code location} is {@code fileName} in new/ ({@code inNew}) or cur/, without building a string. */
    static boolean is(String location, boolean inNew, String fileName) {
        return location.length() == fileName.length() + 4 && location.startsWith(inNew ? NEW : CUR)
                && location.regionMatches(4, fileName, 0, fileName.length());
    }
}
