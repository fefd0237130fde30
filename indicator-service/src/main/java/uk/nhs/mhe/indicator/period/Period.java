package uk.nhs.mhe.indicator.period;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period (indicators.md): a month {@code 2024-03}, a financial year
 * {@code FY2023-24} (April to March) or twelve rolling months {@code R12-2024-03} (the twelve
 * months ending March 2024). Rates for a period are not annualised.
 */
public record Period(PeriodType type, YearMonth first, YearMonth last) implements Comparable<Period> {

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern FY = Pattern.compile("FY(\\d{4})-(\\d{2})");
    private static final Pattern R12 = Pattern.compile("R12-(\\d{4})-(\\d{2})");

    public static Period month(YearMonth month) {
        return new Period(PeriodType.MONTH, month, month);
    }

    /** The financial year that starts in April of {@code startYear}. */
    public static Period financialYear(int startYear) {
        return new Period(PeriodType.FY, YearMonth.of(startYear, 4), YearMonth.of(startYear + 1, 3));
    }

    /** The twelve months ending with {@code last}. */
    public static Period rolling12(YearMonth last) {
        return new Period(PeriodType.R12, last.minusMonths(11), last);
    }

    /** Parses a period as written in the API; empty when it is not one. */
    public static Optional<Period> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        try {
            Matcher m = MONTH.matcher(s);
            if (m.matches()) {
                return Optional.of(month(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))));
            }
            m = FY.matcher(s);
            if (m.matches()) {
                int start = Integer.parseInt(m.group(1));
                if ((start + 1) % 100 != Integer.parseInt(m.group(2))) {
                    return Optional.empty();
                }
                return Optional.of(financialYear(start));
            }
            m = R12.matcher(s);
            if (m.matches()) {
                return Optional.of(rolling12(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))));
            }
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The financial year a month falls in. */
    public static Period financialYearOf(YearMonth month) {
        return financialYear(month.getMonthValue() >= 4 ? month.getYear() : month.getYear() - 1);
    }

    /**
     * The periods whose values a change to {@code month}'s data can alter: the month, its
     * financial year and the twelve rolling periods that contain it.
     */
    public static List<Period> containing(YearMonth month) {
        List<Period> result = new ArrayList<>();
        result.add(month(month));
        result.add(financialYearOf(month));
        for (int i = 0; i < 12; i++) {
            result.add(rolling12(month.plusMonths(i)));
        }
        return result;
    }

    /** The calendar year whose population applies: FY its first year, R12 the year of its last month. */
    public int populationYear() {
        return switch (type) {
            case MONTH, R12 -> last.getYear();
            case FY -> first.getYear();
        };
    }

    public List<YearMonth> months() {
        List<YearMonth> result = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            result.add(m);
        }
        return result;
    }

    /** Month strings as stored with records ({@code 2024-03}). */
    public List<String> monthCodes() {
        return months().stream().map(YearMonth::toString).toList();
    }

    public String code() {
        return switch (type) {
            case MONTH -> last.toString();
            case FY -> String.format("FY%d-%02d", first.getYear(), (first.getYear() + 1) % 100);
            case R12 -> "R12-" + last;
        };
    }

    @Override
    public String toString() {
        return code();
    }

    /** By type, then chronologically. */
    @Override
    public int compareTo(Period o) {
        int c = type.compareTo(o.type);
        return c != 0 ? c : last.compareTo(o.last);
    }
}
