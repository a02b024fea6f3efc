package io.streambus.cli.support;

import io.streambus.cli.CliContext;
import io.streambus.cli.output.Output;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the commands that talk to brokers: resolves the global settings (flag, profile, default), opens
 * a {@link Session} with its clients, runs, and closes the clients. Subclasses implement {@link #run}.
 */
public abstract class OperatorCommand implements Callable<Integer> {

    /** Terminal width when {@code COLUMNS} is not set. */
    static final int DEFAULT_COLUMNS = 120;

    protected final CliContext context;

    @Spec
    protected CommandSpec spec;

    protected OperatorCommand(CliContext context) {
        this.context = context;
    }

    /** @return the exit code */
    protected abstract int run(Session session) throws Exception;

    @Override
    public final Integer call() throws Exception {
        GlobalOptions flags = ((GlobalOptions.Holder) spec.root().userObject()).globalOptions();
        Settings settings = Settings.resolve(flags, Profile.load(context.environment()));
        Output output = new Output(settings.format(), spec.commandLine().getOut(), spec.commandLine().getErr(),
                terminalWidth());
        boolean verbose = spec.commandLine().getParseResult() != null && verbose();
        try (Clients clients = new Clients(settings, verbose)) {
            return run(new Session(settings, clients, output, context));
        }
    }

    private boolean verbose() {
        for (var parsed = spec.root().commandLine().getParseResult(); parsed != null; parsed = parsed.subcommand()) {
            if (parsed.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private int terminalWidth() {
        String columns = context.environment().get("COLUMNS");
        try {
            return columns == null ? DEFAULT_COLUMNS : Math.max(20, Integer.parseInt(columns.strip()));
        } catch (NumberFormatException e) {
            return DEFAULT_COLUMNS;
        }
    }
}
