package io.streambus.it.compat.driver;

import java.util.Objects;

/** The driver's assertions: a failed one ends the scenario with a message naming what differed. */
final class Check {

    private Check() {
    }

    static void equal(Object actual, Object expected, String what) {
        if (!Objects.equals(actual, expected)) {
            throw new AssertionError(what + ": expected " + expected + " but was " + actual);
        }
    }

    static void isTrue(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
