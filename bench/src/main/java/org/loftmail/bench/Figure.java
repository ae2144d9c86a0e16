package org.loftmail.bench;

/** One measured number of one server. {@code higherIsBetter} decides which way the ratio reads. */
record Figure(String scenario, String name, double value, String unit, boolean higherIsBetter) {}
