package uk.nhs.mhe.indicator.compute;

import uk.nhs.mhe.indicator.catalogue.Indicator.CountRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the catalogue's counting rules ({@code finishedCourse=Y}, {@code ageYears<18},
 * {@code ethnicCategory in A,B}) into SQL over the record tables. The catalogue is our own data,
 * but every field and value is still checked against a whitelist, so a typo fails at start-up
 * instead of producing SQL.
 */
public final class CountRules {

    private static final Pattern CONDITION = Pattern.compile("([a-zA-Z]+)\\s*(<=|>=|=|<|>| in )\\s*(.+)");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9]+");

    private final Set<String> booleanColumns;
    private final Set<String> columns;

    public CountRules(Set<String> columns, Set<String> booleanColumns) {
        this.columns = columns;
        this.booleanColumns = booleanColumns;
    }

    /** The SQL a record adds for the rule: {@code CASE WHEN <conditions> THEN <sum or 1> ELSE 0 END}. */
    public String sumExpression(CountRule rule) {
        String add = rule.sum() == null ? "1" : "coalesce(" + column(rule.sum()) + ", 0)";
        List<String> conditions = conditions(rule.where());
        return conditions.isEmpty() ? add : "CASE WHEN " + String.join(" AND ", conditions) + " THEN " + add + " ELSE 0 END";
    }

    List<String> conditions(List<String> where) {
        List<String> sql = new ArrayList<>();
        for (String condition : where) {
            Matcher m = CONDITION.matcher(condition.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("Unreadable condition '" + condition + "'");
            }
            String column = column(m.group(1));
            String op = m.group(2).trim();
            String value = m.group(3).trim();
            if (op.equals("in")) {
                List<String> values = new ArrayList<>();
                for (String v : value.split(",")) {
                    values.add("'" + checked(v.trim()) + "'");
                }
                sql.add(column + " IN (" + String.join(", ", values) + ")");
            } else if (booleanColumns.contains(column)) {
                if (!op.equals("=") || !(value.equals("Y") || value.equals("N"))) {
                    throw new IllegalArgumentException("A Y/N field takes =Y or =N: '" + condition + "'");
                }
                sql.add(column + (value.equals("Y") ? " IS TRUE" : " IS FALSE"));
            } else if (op.equals("=")) {
                sql.add(column + " = '" + checked(value) + "'");
            } else {
                sql.add(column + " " + op + " " + Long.parseLong(value));
            }
        }
        return sql;
    }

    /** The column of a field as named in api.md ({@code daysToFirstTreatment} → days_to_first_treatment). */
    public String column(String field) {
        String column = field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        if (!columns.contains(column)) {
            throw new IllegalArgumentException("No field '" + field + "' in the records");
        }
        return column;
    }

    private static String checked(String value) {
        if (!VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("Unexpected value '" + value + "'");
        }
        return value;
    }
}
