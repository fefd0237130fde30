package uk.nhs.mhe.reference;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The published reference CSVs of {@code shared/reference}, shipped unchanged as resources of
 * this jar and read once. Lookups are by ODS code or NHS code.
 */
public final class ReferenceData {

    private static final DateTimeFormatter ODS_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static volatile ReferenceData instance;

    private final Map<String, Region> regions;
    private final Map<String, Icb> icbs;
    private final Map<String, Trust> trusts;
    private final Map<String, EthnicCategory> ethnicCategories;
    private final Map<String, GenderIdentity> genderIdentities;
    private final Map<String, SexualOrientation> sexualOrientations;
    private final Map<String, Integer> esp2013;

    private ReferenceData() {
        regions = index(read("nhs_regions.csv"), r -> new Region(r.get("ods_code"), r.get("ons_code"), r.get("name")),
                Region::odsCode);
        icbs = index(read("icbs.csv"), r -> new Icb(r.get("ods_code"), r.get("ons_code"), r.get("name"),
                r.get("region_ods_code")), Icb::odsCode);
        // Rows without an ICB (independent-sector codes NQL, NR5) are not providers we load.
        trusts = index(read("mental_health_trusts.csv").stream().filter(r -> !blank(r.get("icb_ods_code"))).toList(),
                r -> new Trust(r.get("ods_code"), r.get("name"), r.get("icb_ods_code"), r.get("region_ods_code"),
                        date(r.get("ods_open_date")), date(r.get("ods_close_date"))),
                Trust::odsCode);
        ethnicCategories = index(read("ethnic_category_codes.csv"),
                r -> new EthnicCategory(r.get("code"), r.get("description"), r.get("broad_group")),
                EthnicCategory::code);
        genderIdentities = index(read("gender_identity_codes.csv"),
                r -> new GenderIdentity(r.get("code"), r.get("description"),
                        blank(r.get("sex_for_rates")) ? null : Integer.valueOf(r.get("sex_for_rates"))),
                GenderIdentity::code);
        sexualOrientations = index(read("sexual_orientation_codes.csv"),
                r -> new SexualOrientation(r.get("code"), r.get("description")), SexualOrientation::code);
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (Map<String, String> r : read("esp2013.csv")) {
            weights.put(r.get("age_band"), Integer.valueOf(r.get("weight")));
        }
        esp2013 = Collections.unmodifiableMap(weights);
    }

    /** The reference data, read from the classpath on first use. */
    public static ReferenceData get() {
        ReferenceData result = instance;
        if (result == null) {
            synchronized (ReferenceData.class) {
                result = instance;
                if (result == null) {
                    instance = result = new ReferenceData();
                }
            }
        }
        return result;
    }

    public Map<String, Region> regions() {
        return regions;
    }

    public Map<String, Icb> icbs() {
        return icbs;
    }

    /** Providers with an ICB assigned by ODS, open or closed. */
    public Map<String, Trust> trusts() {
        return trusts;
    }

    public Map<String, EthnicCategory> ethnicCategories() {
        return ethnicCategories;
    }

    public Map<String, GenderIdentity> genderIdentities() {
        return genderIdentities;
    }

    public Map<String, SexualOrientation> sexualOrientations() {
        return sexualOrientations;
    }

    /** European Standard Population 2013 weights by 5-year band, in band order. */
    public Map<String, Integer> esp2013() {
        return esp2013;
    }

    private static List<Map<String, String>> read(String file) {
        String resource = "/uk/nhs/mhe/reference/" + file;
        try (InputStream in = ReferenceData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Reference file missing from the classpath: " + resource);
            }
            CsvMapper mapper = new CsvMapper();
            CsvSchema schema = CsvSchema.emptySchema().withHeader();
            List<Map<String, String>> rows = new ArrayList<>();
            try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class).with(schema).readValues(in)) {
                while (it.hasNext()) {
                    rows.add(it.next());
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read reference file " + resource, e);
        }
    }

    private static <T> Map<String, T> index(List<Map<String, String>> rows, Function<Map<String, String>, T> make,
            Function<T, String> key) {
        Map<String, T> result = new LinkedHashMap<>();
        for (Map<String, String> row : rows) {
            T value = make.apply(row);
            result.put(key.apply(value), value);
        }
        return Collections.unmodifiableMap(result);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static LocalDate date(String s) {
        return blank(s) ? null : LocalDate.parse(s.trim(), ODS_DATE);
    }
}
