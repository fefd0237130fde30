package uk.nhs.mhe.indicator.web.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps values onto pixels along one axis, over a domain widened to "nice" tick values
 * (1, 2 or 5 times a power of ten) so that the gridlines read as round numbers.
 */
final class LinearScale {

    private final double min;
    private final double max;
    private final double from;
    private final double to;
    private final double step;

    /**
     * @param from pixel of {@code min}; {@code to} pixel of {@code max} (smaller than {@code from}
     *             for a vertical axis, whose pixels grow downwards)
     */
    LinearScale(double dataMin, double dataMax, double from, double to, int ticks) {
        double lo = Math.min(dataMin, dataMax);
        double hi = Math.max(dataMin, dataMax);
        if (hi - lo < 1e-9) {
            hi = lo == 0 ? 1 : lo + Math.abs(lo) * 0.1;
        }
        this.step = niceStep((hi - lo) / Math.max(1, ticks));
        this.min = Math.floor(lo / step) * step;
        this.max = Math.ceil(hi / step) * step;
        this.from = from;
        this.to = to;
    }

    double map(double value) {
        return from + (value - min) / (max - min) * (to - from);
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    List<Double> ticks() {
        List<Double> result = new ArrayList<>();
        for (double t = min; t <= max + step / 2; t += step) {
            result.add(Math.abs(t) < step / 1e6 ? 0 : t);
        }
        return result;
    }

    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }
}
