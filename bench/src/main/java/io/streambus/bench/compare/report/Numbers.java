package io.streambus.bench.compare.report;

import java.math.BigDecimal;
import java.math.MathContext;

/** How the report writes numbers: about three significant digits, never "0.00" for a small non-zero value. */
public final class Numbers {

    private Numbers() {
    }

    /** 1234 → "1234", 12.34 → "12.3", 1.234 → "1.23", 0.02345 → "0.023". */
    public static String number(double v) {
        double a = Math.abs(v);
        if (a < 0.1 && v != 0) {
            return twoSignificantDigits(v);
        }
        if (a >= 100 || v == Math.rint(v)) {
            return String.format("%.0f", v);
        }
        return a >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }

    /** Two decimals, or two significant digits below 0.1 (a GC pause 1000 times shorter is not 0.00). */
    public static String ratio(double v) {
        if (Math.abs(v) >= 0.1 || v == 0) {
            return String.format("%.2f", v);
        }
        return twoSignificantDigits(v);
    }

    private static String twoSignificantDigits(double v) {
        return new BigDecimal(v).round(new MathContext(2)).toPlainString();
    }
}
