package uk.nhs.mhe.indicator.reference;

import uk.nhs.mhe.reference.Icb;
import uk.nhs.mhe.reference.ReferenceData;
import uk.nhs.mhe.reference.Region;
import uk.nhs.mhe.reference.Trust;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The area hierarchy from the reference CSVs (current boundaries, whatever the period), and
 * which ICBs of residence make up each population area.
 */
public final class Areas {

    public static final String ENGLAND = "ENGLAND";
    private static final String ENGLAND_ONS = "E92000001";

    private final Map<String, Area> byCode;
    private final Map<String, Set<String>> icbsOf;

    public Areas(ReferenceData ref) {
        Map<String, Area> areas = new LinkedHashMap<>();
        Map<String, Set<String>> icbs = new LinkedHashMap<>();
        areas.put(ENGLAND, new Area(ENGLAND, ENGLAND_ONS, "England", AreaType.ENGLAND, null));
        icbs.put(ENGLAND, new TreeSet<>(ref.icbs().keySet()));
        for (Region r : ref.regions().values()) {
            areas.put(r.odsCode(), new Area(r.odsCode(), r.onsCode(), r.name(), AreaType.REGION, ENGLAND));
            icbs.put(r.odsCode(), new TreeSet<>());
        }
        for (Icb icb : ref.icbs().values()) {
            areas.put(icb.odsCode(), new Area(icb.odsCode(), icb.onsCode(), icb.name(), AreaType.ICB, icb.regionOdsCode()));
            icbs.put(icb.odsCode(), Set.of(icb.odsCode()));
            icbs.get(icb.regionOdsCode()).add(icb.odsCode());
        }
        for (Trust t : ref.trusts().values()) {
            // Providers have no ONS code of their own.
            areas.put(t.odsCode(), new Area(t.odsCode(), null, t.name(), AreaType.PROVIDER, t.icbOdsCode()));
        }
        this.byCode = Collections.unmodifiableMap(areas);
        this.icbsOf = Collections.unmodifiableMap(icbs);
    }

    public Optional<Area> find(String code) {
        return Optional.ofNullable(code).map(byCode::get);
    }

    public List<Area> all() {
        return List.copyOf(byCode.values());
    }

    public List<Area> ofType(AreaType type) {
        List<Area> result = new ArrayList<>();
        byCode.values().stream().filter(a -> a.type() == type).forEach(result::add);
        return result;
    }

    /** Areas measured by residence (England, regions, ICBs), with the ICBs each is made of. */
    public Map<String, Set<String>> residenceAreas() {
        return icbsOf;
    }
}
