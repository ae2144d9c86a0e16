package org.loftmail.core.storage;

/** The durable result of a save: IMAP's {@code [APPENDUID uidvalidity uid]}. */
public record AppendResult(long uidValidity, long uid) {}
