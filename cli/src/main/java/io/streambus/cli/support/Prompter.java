package io.streambus.cli.support;

import java.io.Console;
import java.util.Optional;

/** Asks the operator a yes/no question; there is no one to ask when the CLI is not on a terminal. */
@FunctionalInterface
public interface Prompter {

    /** @return the answer, or empty when there is no terminal to ask on */
    Optional<Boolean> confirm(String question);

    /** Through {@link System#console()}; since JDK 22 a console exists even when redirected, hence isTerminal. */
    static Prompter console() {
        return question -> {
            Console console = System.console();
            if (console == null || !console.isTerminal()) {
                return Optional.empty();
            }
            String answer = console.readLine("%s [y/N] ", question);
            return Optional.of(answer != null && (answer.strip().equalsIgnoreCase("y")
                    || answer.strip().equalsIgnoreCase("yes")));
        };
    }

    /** Never a terminal: destructive commands need --yes. */
    static Prompter none() {
        return question -> Optional.empty();
    }
}
