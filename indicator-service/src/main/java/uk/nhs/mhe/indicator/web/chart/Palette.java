package uk.nhs.mhe.indicator.web.chart;

import uk.nhs.mhe.indicator.stats.Assessment;

/**
 * NHS identity colours for the charts. Colour is never the only cue: every comparison is also
 * written as a word next to its bar, worse bars are hatched, and each shape has a dark outline so
 * that even the pale fills keep a 3:1 contrast with the white background (WCAG 1.4.11).
 */
final class Palette {

    static final String TEXT = "#212b32";
    static final String SECONDARY_TEXT = "#4c6272";
    static final String GRID = "#d8dde0";
    static final String LINE = "#005eb8";
    static final String BENCHMARK = "#212b32";

    private Palette() {
    }

    static String fill(Assessment assessment) {
        return switch (assessment == null ? Assessment.NOT_COMPARED : assessment) {
            case BETTER -> "#007f3b";
            case SIMILAR -> "#ffb81c";
            case WORSE -> "#d5281b";
            case NOT_COMPARED -> "#aeb7bd";
        };
    }

    /** The word written next to a bar and in the table. */
    static String word(Assessment assessment) {
        return switch (assessment == null ? Assessment.NOT_COMPARED : assessment) {
            case BETTER -> "Better";
            case SIMILAR -> "Similar";
            case WORSE -> "Worse";
            case NOT_COMPARED -> "Not compared";
        };
    }
}
