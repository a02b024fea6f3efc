package io.streambus.cli.support;

import io.streambus.cli.CliContext;
import io.streambus.cli.output.Output;

/**
 * What an operator command works with while it runs: the settings in force, the clients, the output and
 * the process context. Created per execution by {@link OperatorCommand}; used by the command's thread.
 */
public record Session(Settings settings, Clients clients, Output output, CliContext context) {

    /**
     * Asks before a destructive action. {@code --yes} skips the question; without a terminal there is no
     * one to ask, so the command refuses (a usage error: the script must say --yes).
     */
    public void confirm(String question, boolean yes) {
        if (yes) {
            return;
        }
        Boolean answer = context.prompter().confirm(question).orElseThrow(() -> CliException.usage(
                "Refusing to go ahead without confirmation: not a terminal; pass --yes"));
        if (!answer) {
            throw new CliException("Aborted");
        }
    }
}
