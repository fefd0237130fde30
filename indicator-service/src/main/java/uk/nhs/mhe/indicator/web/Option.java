package uk.nhs.mhe.indicator.web;

import java.util.List;
import java.util.Objects;

/** One choice of a select or radio group on a page. */
public record Option(String value, String label, boolean selected) {

    /** A labelled group of options ({@code <optgroup>}). */
    public record Group(String label, List<Option> options) {
    }

    public static Option of(String value, String label, String current) {
        return new Option(value, label, Objects.equals(value, current));
    }
}
