package io.streambus.bench.compare.report;

import io.streambus.bench.compare.Metrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Latency percentile curves of every setup on one plot. The x axis is in "nines" (p90 is one step from
 * p50's tenth, p99 the next, ...), the usual way to show a latency distribution's tail; the maximum is
 * the last point. The y axis is logarithmic, because a tail spans decades.
 */
public final class LatencyChart {

    private LatencyChart() {
    }

    /** Each series holds one value (ms) per entry of {@link Metrics#PERCENTILES}. */
    public static void write(Path file, String title, List<Series> series) throws IOException {
        ChartFrame f = new ChartFrame(title, "latency (ms, log scale)");
        List<Double> percentiles = Metrics.PERCENTILES;
        double[] x = new double[percentiles.size()];
        for (int i = 0; i < x.length; i++) {
            double p = percentiles.get(i);
            x[i] = p >= 100.0 ? x[i - 1] + 1 : -Math.log10(1 - p / 100.0);
        }
        double minX = x[0];
        double maxX = x[x.length - 1];
        double lo = Math.floor(Math.log10(Math.max(1e-3, positiveMin(series))));
        double hi = Math.ceil(Math.log10(Math.max(1e-3, positiveMax(series))));
        if (hi <= lo) {
            hi = lo + 1;
        }
        for (double decade = lo; decade <= hi; decade++) {
            f.yTick(yPixel(f, Math.pow(10, decade), lo, hi), formatMs(Math.pow(10, decade)));
        }
        for (int i = 0; i < x.length; i++) {
            int px = xPixel(f, x[i], minX, maxX);
            f.xLabel(px, List.of(Metrics.percentileName(percentiles.get(i))));
        }
        f.axes();
        Graphics2D g = f.g;
        for (Series s : series) {
            Path2D.Double line = new Path2D.Double();
            boolean started = false;
            for (int i = 0; i < x.length; i++) {
                double v = s.values().get(i);
                if (Double.isNaN(v) || v <= 0) {
                    continue;
                }
                double px = xPixel(f, x[i], minX, maxX);
                double py = yPixel(f, v, lo, hi);
                if (started) {
                    line.lineTo(px, py);
                } else {
                    line.moveTo(px, py);
                    started = true;
                }
                g.setColor(s.color());
                g.fillOval((int) px - 4, (int) py - 4, 8, 8);
            }
            g.setColor(s.color());
            g.setStroke(ChartFrame.stroke(s));
            g.draw(line);
        }
        f.legend(series);
        f.save(file);
    }

    private static int xPixel(ChartFrame f, double x, double minX, double maxX) {
        int margin = 30;
        return ChartFrame.LEFT + margin + (int) ((x - minX) / (maxX - minX) * (f.plotWidth() - 2 * margin));
    }

    private static int yPixel(ChartFrame f, double valueMs, double loDecade, double hiDecade) {
        double frac = (Math.log10(valueMs) - loDecade) / (hiDecade - loDecade);
        return f.plotBottom() - (int) (frac * f.plotHeight());
    }

    private static double positiveMin(List<Series> series) {
        return series.stream().flatMap(s -> s.values().stream()).filter(v -> !v.isNaN() && v > 0)
                .mapToDouble(Double::doubleValue).min().orElse(1);
    }

    private static double positiveMax(List<Series> series) {
        return series.stream().flatMap(s -> s.values().stream()).filter(v -> !v.isNaN() && v > 0)
                .mapToDouble(Double::doubleValue).max().orElse(10);
    }

    private static String formatMs(double ms) {
        return ms >= 1 ? String.format("%.0f", ms) : String.format("%s", ms);
    }
}
