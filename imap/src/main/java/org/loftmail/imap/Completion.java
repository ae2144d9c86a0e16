package org.loftmail.imap;

/**
 * How a command ends: its tagged status, response code (without brackets, may be null) and text. The dispatcher
 * sends the untagged updates of the sync point first, then this.
 */
public record Completion(Status status, String code, String text) {

    public enum Status {
        OK,
        NO,
        BAD
    }

    public static Completion ok(String text) {
        return new Completion(Status.OK, null, text);
    }

    public static Completion ok(String code, String text) {
        return new Completion(Status.OK, code, text);
    }

    public static Completion no(String text) {
        return new Completion(Status.NO, null, text);
    }

    public static Completion no(String code, String text) {
        return new Completion(Status.NO, code, text);
    }

    public static Completion bad(String text) {
        return new Completion(Status.BAD, null, text);
    }
}
