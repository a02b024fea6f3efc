package io.streambus.bench.compare.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Grouped bars: one group per workload, one bar per setup, each bar labelled with its value. */
public final class BarChart {

    private BarChart() {
    }

    /**
     * @param groups group labels; ", " in a label breaks the line
     * @param series one value per group each
     */
    public static void write(Path file, String title, String yLabel, List<String> groups, List<Series> series)
            throws IOException {
        ChartFrame f = new ChartFrame(title, yLabel);
        double max = series.stream().flatMap(s -> s.values().stream()).filter(v -> !v.isNaN())
                .mapToDouble(Double::doubleValue).max().orElse(1);
        double step = niceStep(max / 5);
        double top = Math.ceil(max * 1.08 / step) * step;
        for (double v = 0; v <= top + step / 2; v += step) {
            f.yTick(yPixel(f, v, top), format(v));
        }
        int groupWidth = f.plotWidth() / groups.size();
        int barWidth = Math.max(4, (int) (groupWidth * 0.8 / series.size()));
        for (int gi = 0; gi < groups.size(); gi++) {
            int groupLeft = ChartFrame.LEFT + gi * groupWidth + (groupWidth - barWidth * series.size()) / 2;
            for (int si = 0; si < series.size(); si++) {
                double v = series.get(si).values().get(gi);
                if (Double.isNaN(v)) {
                    continue;
                }
                int x = groupLeft + si * barWidth;
                int y = yPixel(f, v, top);
                f.g.setColor(series.get(si).color());
                f.g.fillRect(x, y, barWidth - 2, f.plotBottom() - y);
                f.g.setColor(Color.DARK_GRAY);
                String text = format(v);
                f.g.drawString(text, x + (barWidth - 2 - f.g.getFontMetrics().stringWidth(text)) / 2, y - 3);
            }
            f.xLabel(ChartFrame.LEFT + gi * groupWidth + groupWidth / 2, Arrays.asList(groups.get(gi).split(", ")));
        }
        f.axes();
        f.legend(series);
        f.save(file);
    }

    private static int yPixel(ChartFrame f, double v, double top) {
        return f.plotBottom() - (int) (v / top * f.plotHeight());
    }

    /** 1, 2 or 5 times a power of ten. */
    static double niceStep(double raw) {
        if (raw <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / magnitude;
        return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * magnitude;
    }

    private static String format(double v) {
        return v >= 100 || v == Math.rint(v) ? String.format("%.0f", v) : String.format("%.1f", v);
    }
}
