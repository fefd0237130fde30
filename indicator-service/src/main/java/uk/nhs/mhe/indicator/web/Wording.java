package uk.nhs.mhe.indicator.web;

import uk.nhs.mhe.indicator.period.Period;
import uk.nhs.mhe.indicator.period.PeriodType;
import uk.nhs.mhe.indicator.stats.Assessment;
import uk.nhs.mhe.indicator.stats.Polarity;
import uk.nhs.mhe.indicator.stats.Trend;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** The words pages use for the API's codes: breakdowns, periods, comparisons and trends. */
public final class Wording {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);

    private static final Map<String, String> BREAKDOWNS = Map.ofEntries(
            Map.entry("none", "All people (no breakdown)"),
            Map.entry("ethnicity", "Ethnic category"),
            Map.entry("broad-ethnicity", "Broad ethnic group"),
            Map.entry("white-british", "White British and other groups"),
            Map.entry("age-band", "Age band"),
            Map.entry("gender", "Gender identity"),
            Map.entry("imd-quintile", "Deprivation (IMD quintile)"),
            Map.entry("core20", "Core20 (most deprived 20%)"),
            Map.entry("sexual-orientation", "Sexual orientation"),
            Map.entry("provider", "Provider"));

    private Wording() {
    }

    public static String breakdown(String id) {
        return BREAKDOWNS.getOrDefault(id, id);
    }

    /** "March 2024", "Financial year 2023-24", "12 months to March 2024". */
    public static String period(String code) {
        return Period.parse(code).map(p -> switch (p.type()) {
            case MONTH -> MONTH.format(p.first());
            case FY -> "Financial year " + code.substring(2);
            case R12 -> "12 months to " + MONTH.format(p.last());
        }).orElse(code);
    }

    public static String periodType(String apiName) {
        return PeriodType.fromApiName(apiName).map(t -> switch (t) {
            case MONTH -> "Monthly";
            case FY -> "Financial years";
            case R12 -> "Rolling 12 months";
        }).orElse(apiName);
    }

    public static String areaType(String name) {
        return switch (name) {
            case "ENGLAND" -> "England";
            case "REGION" -> "NHS England regions";
            case "ICB" -> "Integrated care boards (ICBs)";
            case "PROVIDER" -> "Providers";
            default -> name;
        };
    }

    public static String assessment(Assessment a) {
        return switch (a == null ? Assessment.NOT_COMPARED : a) {
            case BETTER -> "Better";
            case SIMILAR -> "Similar";
            case WORSE -> "Worse";
            case NOT_COMPARED -> "Not compared";
        };
    }

    /** The NHS.UK tag colour of an assessment; the tag's word carries the meaning too. */
    public static String assessmentTag(Assessment a) {
        return switch (a == null ? Assessment.NOT_COMPARED : a) {
            case BETTER -> "nhsuk-tag--green";
            case SIMILAR -> "nhsuk-tag--yellow";
            case WORSE -> "nhsuk-tag--red";
            case NOT_COMPARED -> "nhsuk-tag--grey";
        };
    }

    /**
     * The recent trend as Fingertips words it: the direction, and whether that direction is
     * better or worse under the indicator's polarity.
     */
    public static String trend(Trend trend, Polarity polarity) {
        if (trend == null) {
            return "Cannot be calculated";
        }
        return switch (trend) {
            case INCREASING -> "Increasing and getting " + (polarity == Polarity.HIGH_IS_GOOD ? "better" : "worse");
            case DECREASING -> "Decreasing and getting " + (polarity == Polarity.HIGH_IS_GOOD ? "worse" : "better");
            case NO_SIGNIFICANT_CHANGE -> "No significant change";
            case CANNOT_BE_CALCULATED -> "Cannot be calculated";
        };
    }
}
