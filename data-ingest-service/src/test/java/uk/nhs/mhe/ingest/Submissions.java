package uk.nhs.mhe.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds MHSDS submission bodies for tests. */
public final class Submissions {

    private Submissions() {
    }

    public static Map<String, Object> record(String personId) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("personId", personId);
        r.put("ethnicCategory", "A");
        r.put("gender", "1");
        r.put("ageYears", 34);
        r.put("residenceIcb", "QMJ");
        r.put("imdDecile", 3);
        r.put("inContact", "Y");
        r.put("detentions", 1);
        r.put("ctos", 0);
        r.put("restrictiveInterventions", 0);
        return r;
    }

    public static List<Map<String, Object>> records(int n, String prefix) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(record(prefix + i));
        }
        return list;
    }

    public static Map<String, Object> mhsds(String provider, String period, List<Map<String, Object>> records) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dataset", "MHSDS");
        body.put("provider", provider);
        body.put("period", period);
        body.put("records", records);
        return body;
    }
}
