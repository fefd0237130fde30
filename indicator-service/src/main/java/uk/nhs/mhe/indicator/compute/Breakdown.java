package uk.nhs.mhe.indicator.compute;

import uk.nhs.mhe.indicator.reference.AgeBands;
import uk.nhs.mhe.reference.EthnicCategory;
import uk.nhs.mhe.reference.GenderIdentity;
import uk.nhs.mhe.reference.ReferenceData;
import uk.nhs.mhe.reference.SexualOrientation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A way of splitting an indicator by one characteristic of the record (indicators.md,
 * "Breakdowns"): the characteristic it reads, its groups in display order, and its reference
 * group. Unknown and not-stated values are groups of their own, never dropped. The
 * {@code provider} breakdown's groups are the providers found in the data.
 */
public final class Breakdown {

    public static final String NONE = "none";
    public static final String ETHNICITY = "ethnicity";
    public static final String BROAD_ETHNICITY = "broad-ethnicity";
    public static final String WHITE_BRITISH = "white-british";
    public static final String AGE_BAND = "age-band";
    public static final String GENDER = "gender";
    public static final String IMD_QUINTILE = "imd-quintile";
    public static final String CORE20 = "core20";
    public static final String SEXUAL_ORIENTATION = "sexual-orientation";
    public static final String PROVIDER = "provider";

    public static final String NOT_KNOWN = "Not known";

    /** The record characteristic a breakdown reads (and, for rates, the population cut it needs). */
    public enum Attribute { ETHNIC_CATEGORY, GENDER, AGE_BAND, IMD_DECILE, SEXUAL_ORIENTATION, PROVIDER }

    private final String id;
    private final Attribute attribute;
    private final List<Group> groups;
    private final Function<String, String> groupOf;
    private final String referenceGroup;

    private Breakdown(String id, Attribute attribute, List<Group> groups, Function<String, String> groupOf,
            String referenceGroup) {
        this.id = id;
        this.attribute = attribute;
        this.groups = List.copyOf(groups);
        this.groupOf = groupOf;
        this.referenceGroup = referenceGroup;
    }

    /** Every breakdown of indicators.md, by id, in the order the catalogue lists them. */
    public static Map<String, Breakdown> all(ReferenceData ref) {
        Map<String, Breakdown> all = new LinkedHashMap<>();
        List<Group> codes = new ArrayList<>();
        List<Group> broadGroups = new ArrayList<>();
        Map<String, String> broadOf = new LinkedHashMap<>();
        for (EthnicCategory c : ref.ethnicCategories().values()) {
            codes.add(new Group(c.code(), c.description()));
            String group = broadGroup(c);
            broadOf.put(c.code(), group);
            if (broadGroups.stream().noneMatch(g -> g.code().equals(group))) {
                broadGroups.add(new Group(group, group.equals("Other") ? "Other (incl. Chinese, NHS grouping)" : group));
            }
        }
        add(all, new Breakdown(NONE, Attribute.ETHNIC_CATEGORY, List.of(new Group("All", "All people")), c -> "All", null));
        add(all, new Breakdown(ETHNICITY, Attribute.ETHNIC_CATEGORY, codes, c -> c, "A"));
        add(all, new Breakdown(BROAD_ETHNICITY, Attribute.ETHNIC_CATEGORY, broadGroups, broadOf::get, "White"));
        add(all, new Breakdown(WHITE_BRITISH, Attribute.ETHNIC_CATEGORY, List.of(new Group("White British", "White British"),
                new Group("Other than White British", "Other than White British"),
                new Group("Not stated", "Not stated"), new Group(NOT_KNOWN, NOT_KNOWN)), Breakdown::whiteBritish, "White British"));
        add(all, new Breakdown(AGE_BAND, Attribute.AGE_BAND, AgeBands.ALL.stream().map(b -> new Group(b, b)).toList(),
                b -> b, null));
        add(all, new Breakdown(GENDER, Attribute.GENDER, ref.genderIdentities().values().stream()
                .map(GenderIdentity::code).map(code -> new Group(code, ref.genderIdentities().get(code).description()))
                .toList(), g -> g, "1"));
        List<Group> quintiles = new ArrayList<>();
        for (int q = 1; q <= 5; q++) {
            quintiles.add(new Group(String.valueOf(q), q == 1 ? "1 (most deprived)" : q == 5 ? "5 (least deprived)" : String.valueOf(q)));
        }
        quintiles.add(new Group(NOT_KNOWN, NOT_KNOWN));
        add(all, new Breakdown(IMD_QUINTILE, Attribute.IMD_DECILE, quintiles,
                d -> d == null ? NOT_KNOWN : String.valueOf((Integer.parseInt(d) + 1) / 2), "5"));
        add(all, new Breakdown(CORE20, Attribute.IMD_DECILE, List.of(new Group("Core20", "Core20 (most deprived 20%)"),
                new Group("Other", "Other"), new Group(NOT_KNOWN, NOT_KNOWN)),
                d -> d == null ? NOT_KNOWN : Integer.parseInt(d) <= 2 ? "Core20" : "Other", "Other"));
        add(all, new Breakdown(SEXUAL_ORIENTATION, Attribute.SEXUAL_ORIENTATION, ref.sexualOrientations().values()
                .stream().map(s -> new Group(s.code(), s.description())).toList(), s -> s, "1"));
        add(all, new Breakdown(PROVIDER, Attribute.PROVIDER, List.of(), p -> p, null));
        return all;
    }

    private static void add(Map<String, Breakdown> all, Breakdown b) {
        all.put(b.id(), b);
    }

    private static String whiteBritish(String code) {
        return switch (code) {
            case "A" -> "White British";
            case "Z" -> "Not stated";
            case "99" -> NOT_KNOWN;
            default -> "Other than White British";
        };
    }

    /** indicators.md names the broad groups of Z and 99 "Not stated" and "Not known". */
    private static String broadGroup(EthnicCategory c) {
        return switch (c.code()) {
            case "Z" -> "Not stated";
            case "99" -> NOT_KNOWN;
            default -> c.broadGroup();
        };
    }

    public String id() {
        return id;
    }

    public Attribute attribute() {
        return attribute;
    }

    /** Groups in display order; empty for {@code provider}, whose groups are the providers with data. */
    public List<Group> groups() {
        return groups;
    }

    public boolean hasFixedGroups() {
        return !groups.isEmpty();
    }

    /**
     * The group of a record whose {@link #attribute()} has this value (an ethnic or gender code,
     * an age band, an IMD decile as text or null when unknown, a sexual orientation code, a provider).
     */
    public String groupOf(String attributeValue) {
        return groupOf.apply(attributeValue);
    }

    public Optional<String> referenceGroup() {
        return Optional.ofNullable(referenceGroup);
    }

    public Optional<Group> group(String code) {
        if (!hasFixedGroups()) {
            return Optional.ofNullable(code).map(c -> new Group(c, c));
        }
        return groups.stream().filter(g -> g.code().equals(code)).findFirst();
    }
}
