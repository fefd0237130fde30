package uk.nhs.mhe.indicator.compute;

import uk.nhs.mhe.reference.EthnicCategory;
import uk.nhs.mhe.reference.ReferenceData;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A way of splitting an indicator by a characteristic of the record (indicators.md,
 * "Breakdowns"), with its groups in display order and its reference group. Unknown and not-stated
 * values are groups of their own, never dropped.
 */
public final class Breakdown {

    public static final String NONE = "none";
    public static final String ETHNICITY = "ethnicity";
    public static final String BROAD_ETHNICITY = "broad-ethnicity";

    private final String id;
    private final List<Group> groups;
    private final Map<String, String> groupOfEthnicCode;
    private final String referenceGroup;

    private Breakdown(String id, List<Group> groups, Map<String, String> groupOfEthnicCode, String referenceGroup) {
        this.id = id;
        this.groups = List.copyOf(groups);
        this.groupOfEthnicCode = Map.copyOf(groupOfEthnicCode);
        this.referenceGroup = referenceGroup;
    }

    /** The ethnicity breakdowns built from the NHS code list (broad groups per the NHS Data Dictionary). */
    public static List<Breakdown> ethnicityBreakdowns(ReferenceData ref) {
        Map<String, String> all = new LinkedHashMap<>();
        Map<String, String> own = new LinkedHashMap<>();
        Map<String, String> broad = new LinkedHashMap<>();
        List<Group> codes = new ArrayList<>();
        List<Group> broadGroups = new ArrayList<>();
        for (EthnicCategory c : ref.ethnicCategories().values()) {
            all.put(c.code(), "All");
            own.put(c.code(), c.code());
            codes.add(new Group(c.code(), c.description()));
            String group = broadGroup(c);
            broad.put(c.code(), group);
            if (broadGroups.stream().noneMatch(g -> g.code().equals(group))) {
                broadGroups.add(new Group(group, group.equals("Other") ? "Other (incl. Chinese, NHS grouping)" : group));
            }
        }
        return List.of(
                new Breakdown(NONE, List.of(new Group("All", "All people")), all, null),
                new Breakdown(ETHNICITY, codes, own, "A"),
                new Breakdown(BROAD_ETHNICITY, broadGroups, broad, "White"));
    }

    /** indicators.md names the broad groups of Z and 99 "Not stated" and "Not known". */
    private static String broadGroup(EthnicCategory c) {
        return switch (c.code()) {
            case "Z" -> "Not stated";
            case "99" -> "Not known";
            default -> c.broadGroup();
        };
    }

    public String id() {
        return id;
    }

    public List<Group> groups() {
        return groups;
    }

    /** The group a record with this ethnic category falls in. */
    public String groupOf(String ethnicCode) {
        return groupOfEthnicCode.get(ethnicCode);
    }

    public Optional<String> referenceGroup() {
        return Optional.ofNullable(referenceGroup);
    }

    public Optional<Group> group(String code) {
        return groups.stream().filter(g -> g.code().equals(code)).findFirst();
    }
}
