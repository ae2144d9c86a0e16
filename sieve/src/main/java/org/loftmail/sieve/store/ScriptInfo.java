package org.loftmail.sieve.store;

/** One script in a listing: its name and whether it is the active one. */
public record ScriptInfo(String name, boolean active) {}
