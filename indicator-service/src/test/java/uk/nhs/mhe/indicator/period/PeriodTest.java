package uk.nhs.mhe.indicator.period;

import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Periods as indicators.md writes them, and which periods a month's data can change. */
class PeriodTest {

    @Test
    void parsesTheThreeKindsAndWritesThemBack() {
        for (String code : List.of("2024-03", "FY2023-24", "R12-2024-03", "FY1999-00")) {
            assertEquals(code, Period.parse(code).orElseThrow().code());
        }
        Period fy = Period.parse("FY2023-24").orElseThrow();
        assertEquals(YearMonth.of(2023, 4), fy.first());
        assertEquals(YearMonth.of(2024, 3), fy.last());
        Period r12 = Period.parse("R12-2024-03").orElseThrow();
        assertEquals(YearMonth.of(2023, 4), r12.first());
        assertEquals(12, r12.months().size());
    }

    @Test
    void refusesWhatIsNotAPeriod() {
        for (String text : new String[] {null, "", "2024-13", "FY2023-25", "R12-2024", "March 2024", "2024-3"}) {
            assertTrue(Period.parse(text).isEmpty(), String.valueOf(text));
        }
    }

    @Test
    void populationYearIsTheCalendarYearOfMonthAndR12AndTheFirstYearOfAnFy() {
        assertEquals(2024, Period.parse("2024-03").orElseThrow().populationYear());
        assertEquals(2023, Period.parse("FY2023-24").orElseThrow().populationYear());
        assertEquals(2024, Period.parse("R12-2024-03").orElseThrow().populationYear());
    }

    @Test
    void aMonthChangesItselfItsFinancialYearAndTheTwelveRollingYearsThatContainIt() {
        List<String> codes = Period.containing(YearMonth.of(2024, 3)).stream().map(Period::code).toList();
        assertEquals(14, codes.size());
        assertEquals("2024-03", codes.get(0));
        assertEquals("FY2023-24", codes.get(1), "March belongs to the financial year that began the April before");
        assertEquals("R12-2024-03", codes.get(2));
        assertEquals("R12-2025-02", codes.get(13));
        assertEquals("FY2024-25", Period.financialYearOf(YearMonth.of(2024, 4)).code());
    }
}
