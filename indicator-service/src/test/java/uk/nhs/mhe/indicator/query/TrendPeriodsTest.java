package uk.nhs.mhe.indicator.query;

import org.junit.jupiter.api.Test;
import uk.nhs.mhe.indicator.period.Period;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The five consecutive periods a recent trend uses; no infrastructure. */
class TrendPeriodsTest {

    @Test
    void fiveConsecutiveMonthsAcrossAYearEnd() {
        assertEquals(List.of("2023-10", "2023-11", "2023-12", "2024-01", "2024-02"),
                TrendQuery.lastFive(Period.parse("2024-02").orElseThrow()).stream().map(Period::code).toList());
    }

    @Test
    void fiveConsecutiveFinancialYears() {
        assertEquals(List.of("FY2019-20", "FY2020-21", "FY2021-22", "FY2022-23", "FY2023-24"),
                TrendQuery.lastFive(Period.parse("FY2023-24").orElseThrow()).stream().map(Period::code).toList());
    }
}
