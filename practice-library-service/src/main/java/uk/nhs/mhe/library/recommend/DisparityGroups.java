package uk.nhs.mhe.library.recommend;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one table that maps an indicator breakdown group with a disparity (indicators.md) to the
 * library's population groups (api.md). Groups with no counterpart map to nothing.
 *
 * <pre>
 * breakdown           group                                  population groups
 * broad-ethnicity     Black                                  black, ethnic-minority
 * broad-ethnicity     Asian                                  asian, ethnic-minority
 * broad-ethnicity     Mixed                                  mixed, ethnic-minority
 * broad-ethnicity     Other                                  ethnic-minority
 * ethnicity           M, N, P (Black)                        black, ethnic-minority
 * ethnicity           H, J, K, L (Asian)                     asian, ethnic-minority
 * ethnicity           D, E, F, G (Mixed)                     mixed, ethnic-minority
 * ethnicity           R, S (Chinese, any other)              ethnic-minority
 * ethnicity           C (any other White background)         ethnic-minority, gypsy-roma-traveller
 * white-british       Other than White British               ethnic-minority
 * age-band            bands starting under 18                children-young-people
 * age-band            bands starting at 65 or over           older-people
 * gender              3, 4 (non-binary, other)               lgbt-plus
 * sexual-orientation  2, 3, 4 (gay/lesbian, bisexual, other) lgbt-plus
 * imd-quintile        1, 2 (most deprived)                   deprived-areas
 * core20              Core20                                 deprived-areas
 * </pre>
 * Pure.
 */
public final class DisparityGroups {

    private static final Map<String, Map<String, List<String>>> TABLE = Map.of(
            "broad-ethnicity", Map.of(
                    "Black", List.of("black", "ethnic-minority"),
                    "Asian", List.of("asian", "ethnic-minority"),
                    "Mixed", List.of("mixed", "ethnic-minority"),
                    "Other", List.of("ethnic-minority")),
            "ethnicity", Map.ofEntries(
                    Map.entry("M", List.of("black", "ethnic-minority")),
                    Map.entry("N", List.of("black", "ethnic-minority")),
                    Map.entry("P", List.of("black", "ethnic-minority")),
                    Map.entry("H", List.of("asian", "ethnic-minority")),
                    Map.entry("J", List.of("asian", "ethnic-minority")),
                    Map.entry("K", List.of("asian", "ethnic-minority")),
                    Map.entry("L", List.of("asian", "ethnic-minority")),
                    Map.entry("D", List.of("mixed", "ethnic-minority")),
                    Map.entry("E", List.of("mixed", "ethnic-minority")),
                    Map.entry("F", List.of("mixed", "ethnic-minority")),
                    Map.entry("G", List.of("mixed", "ethnic-minority")),
                    Map.entry("R", List.of("ethnic-minority")),
                    Map.entry("S", List.of("ethnic-minority")),
                    Map.entry("C", List.of("ethnic-minority", "gypsy-roma-traveller"))),
            "white-british", Map.of("Other than White British", List.of("ethnic-minority")),
            "gender", Map.of("3", List.of("lgbt-plus"), "4", List.of("lgbt-plus")),
            "sexual-orientation", Map.of("2", List.of("lgbt-plus"), "3", List.of("lgbt-plus"), "4", List.of("lgbt-plus")),
            "imd-quintile", Map.of("1", List.of("deprived-areas"), "2", List.of("deprived-areas")),
            "core20", Map.of("Core20", List.of("deprived-areas")));

    private DisparityGroups() {
    }

    public static Set<String> populationGroups(String breakdown, String group) {
        Set<String> out = new LinkedHashSet<>();
        if (breakdown == null || group == null) {
            return out;
        }
        if ("age-band".equals(breakdown)) {
            int start = leadingNumber(group);
            if (start >= 0 && start < 18) {
                out.add("children-young-people");
            } else if (start >= 65) {
                out.add("older-people");
            }
            return out;
        }
        out.addAll(TABLE.getOrDefault(breakdown, Map.of()).getOrDefault(group, List.of()));
        return out;
    }

    private static int leadingNumber(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i == 0 ? -1 : Integer.parseInt(s.substring(0, i));
    }
}
