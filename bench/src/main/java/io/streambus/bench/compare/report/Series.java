package io.streambus.bench.compare.report;

import java.awt.Color;
import java.util.List;

/**
 * One line or one colour of bars in a chart: a setup's median values, NaN where it has none.
 *
 * @param label  legend text
 * @param color  line or bar colour
 * @param dashed dashed line (used for the setups that do not fsync)
 * @param values one value per x position or bar group
 */
public record Series(String label, Color color, boolean dashed, List<Double> values) {

    public Series {
        values = List.copyOf(values);
    }
}
