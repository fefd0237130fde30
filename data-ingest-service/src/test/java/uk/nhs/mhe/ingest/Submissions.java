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

    /** A valid Talking Therapies referral that finished a course of treatment. */
    public static Map<String, Object> referral(String referralId, String referralDate) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("referralId", referralId);
        r.put("personId", "P-" + referralId);
        r.put("ethnicCategory", "M");
        r.put("gender", "2");
        r.put("ageYears", 29);
        r.put("residenceIcb", "QKK");
        r.put("imdDecile", 2);
        r.put("sexualOrientation", "1");
        r.put("referralDate", referralDate);
        r.put("enteredTreatment", "Y");
        r.put("finishedCourse", "Y");
        r.put("casenessAtStart", "Y");
        r.put("casenessAtEnd", "N");
        r.put("reliableImprovement", "Y");
        r.put("daysToFirstTreatment", 21);
        return r;
    }

    /** An MHSDS CSV body: header and {@code n} valid rows. */
    public static String mhsdsCsv(int n, String prefix, String newline) {
        StringBuilder sb = new StringBuilder("personId,ethnicCategory,gender,ageYears,residenceIcb,imdDecile,inContact,"
                + "detentions,ctos,restrictiveInterventions").append(newline);
        for (int i = 1; i <= n; i++) {
            sb.append(prefix).append(i).append(",A,1,34,QMJ,3,Y,1,0,0").append(newline);
        }
        return sb.toString();
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
