package io.streambus.it.compat.driver;

import java.util.Arrays;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The entry point of the Java client matrix: one scenario, run in its own JVM against a StreamBus node with
 * whichever kafka-clients jar is on the class path (2.8 to 4.x). Prints {@code OK <scenario> <details>} and
 * exits 0 when every check held (the line ends with the client's own version, {@code client=2.8.2}); prints the failure and exits 1 otherwise.
 *
 * <p>Only API that every kafka-clients version from 2.8 on has is called here (the few renamed methods go
 * through {@link Compat}), so a test that passes on one version and fails on another points at StreamBus,
 * not at this driver. Usage: {@code ClientScenarios BOOTSTRAP SCENARIO ARGS...}.
 */
public final class ClientScenarios {

    private ClientScenarios() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ClientScenarios BOOTSTRAP admin|produce-consume|transactions ARGS...");
            System.exit(2);
        }
        String bootstrap = args[0];
        String[] rest = Arrays.copyOfRange(args, 2, args.length);
        try {
            String details = switch (args[1]) {
                case "admin" -> new AdminScenario(bootstrap).run(rest[0]);
                case "produce-consume" -> new ProduceConsumeScenario(bootstrap).run(rest[0], rest[1],
                        Integer.parseInt(rest[2]), rest[3]);
                case "transactions" -> new TransactionScenario(bootstrap).run(rest[0], rest[1]);
                default -> throw new IllegalArgumentException("unknown scenario " + args[1]);
            };
            System.out.println("OK " + args[1] + " " + details + " client=" + AppInfoParser.getVersion());
            System.exit(0);
        } catch (Throwable e) {
            System.out.println("FAILED " + args[1] + ": " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }
}
