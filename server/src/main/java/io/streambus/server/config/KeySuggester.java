package io.streambus.server.config;

import io.streambus.metadata.config.TopicConfigs;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the declared key an unknown key was probably meant to be: the broker key of a topic config
 * given by its topic name ({@code retention.ms} → {@code log.retention.ms}), an environment-style
 * spelling ({@code NUM_PARTITIONS}), or the closest name by edit distance (typos, transpositions).
 * Stateless.
 */
public final class KeySuggester {

    private final Collection<String> names;

    public KeySuggester(Collection<String> names) {
        this.names = names;
    }

    public Optional<String> suggest(String unknown) {
        String normalized = unknown.toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
        if (names.contains(normalized)) {
            return Optional.of(normalized);
        }
        Optional<String> brokerName = TopicConfigs.config(normalized)
                .map(c -> c.brokerSynonyms().getFirst().name())
                .filter(names::contains);
        if (brokerName.isPresent()) {
            return brokerName;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : names) {
            int d = distance(normalized, name);
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        // Up to a quarter of the name may differ (at least one, at most three edits): closer is noise.
        int allowed = Math.clamp(normalized.length() / 4, 1, 3);
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Optimal string alignment distance: Levenshtein plus adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
