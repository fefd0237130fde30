package uk.nhs.mhe.demo;

import uk.nhs.mhe.reference.ReferenceData;

import java.util.HashMap;
import java.util.Map;

/**
 * ILLUSTRATIVE size and ethnic diversity of each ICB, so the generated population has a plausible
 * geography (London and the big cities diverse, the South West and North East much less so).
 *
 * <p>Sizes are rough resident populations in millions (rounded, not an official table) and are only
 * used as relative weights. Diversity factors multiply the England share of a group in that ICB:
 * {@code asian, black, mixed, other} are broad groups, {@code whiteOther} applies to C (and, damped,
 * to B); the optional {@code indian, pakistani, bangladeshi} tilt H, J, K within Asian. The real
 * Census 2021 tables (TS021 with a local authority → ICB lookup) must replace all of this in any
 * real deployment.
 */
final class IcbProfiles {

    record Profile(double millions, double asian, double black, double mixed, double other, double whiteOther,
            double indian, double pakistani, double bangladeshi) {
    }

    // icb, millions, asian, black, mixed, other, whiteOther[, indian, pakistani, bangladeshi]
    private static final String TABLE = """
            QYG 2.70 0.35 0.30 0.60 0.60 0.50
            QNC 1.14 0.40 0.30 0.60 0.40 0.50
            QOC 0.51 0.25 0.15 0.50 0.30 0.60
            QJM 0.77 0.20 0.15 0.50 0.30 1.30
            QK1 1.12 2.30 0.80 1.00 0.90 0.90 2.5 0.6 0.5
            QWU 0.97 1.10 0.80 0.90 0.70 0.90 1.7 0.8 0.6
            QGH 0.79 0.30 0.20 0.60 0.30 0.80
            QMM 1.05 0.20 0.20 0.60 0.40 0.90
            QJG 1.00 0.25 0.30 0.70 0.40 0.80
            QHG 1.00 1.50 1.50 1.20 0.90 1.30 0.8 2.0 1.8
            QM7 1.60 0.80 0.70 1.00 0.80 1.20
            QH8 1.22 0.50 0.80 0.90 0.50 0.80
            QRV 2.05 3.60 1.70 1.50 3.80 2.60 1.6 0.8 0.4
            QMJ 1.50 1.30 2.60 2.10 2.60 3.20 1.0 0.5 1.5
            QMF 2.00 3.30 3.50 1.60 2.20 2.00 1.1 1.2 3.5
            QKK 1.90 1.10 5.00 2.20 1.90 2.00
            QWE 1.53 2.00 2.10 1.70 2.10 2.30 1.2 1.1 0.6
            QKS 1.88 0.50 0.70 0.80 0.40 0.90
            QNQ 0.79 1.40 0.60 0.90 0.90 1.00 1.3 1.5 0.5
            QT6 0.57 0.10 0.05 0.40 0.20 0.50
            QJK 1.22 0.15 0.10 0.50 0.30 0.60
            QSL 0.58 0.12 0.10 0.50 0.20 0.60
            QUY 0.96 0.50 1.00 1.20 0.60 1.00
            QOX 0.94 0.40 0.30 0.70 0.40 0.70
            QVV 0.79 0.20 0.10 0.50 0.30 0.70
            QRL 1.87 0.50 0.20 0.70 0.50 0.80
            QR1 0.65 0.30 0.30 0.70 0.30 0.70
            QU9 1.87 1.00 0.60 1.00 0.80 1.10 1.0 1.3 0.5
            QE1 1.75 0.90 0.10 0.60 0.30 0.50 1.3 1.3 0.5
            QHM 3.02 0.30 0.15 0.40 0.50 0.40
            QOQ 1.73 0.20 0.10 0.40 0.30 0.60
            QWO 2.38 1.40 0.40 0.90 0.50 0.60 0.8 2.6 0.5
            QHL 1.26 3.20 2.20 1.80 1.20 0.80 0.8 2.0 1.2
            QUE 0.91 0.60 0.40 0.90 0.70 1.40
            QOP 2.87 1.20 0.80 1.00 0.80 0.70 0.7 2.0 0.8
            QJ2 1.06 0.40 0.30 0.70 0.30 0.60
            QPM 0.79 0.40 0.60 0.80 0.40 1.20
            QT1 1.05 0.60 0.70 1.10 0.60 0.80
            QF7 1.42 0.50 0.40 0.70 0.60 0.60 0.6 1.6 0.5
            QUA 1.22 1.60 0.80 1.30 0.50 0.80 1.6 0.9 0.6
            QXU 1.10 0.70 0.30 0.80 0.70 1.00
            QNX 1.71 0.40 0.30 0.80 0.50 0.90
            """;

    private static final Map<String, Profile> PROFILES = parse();

    private IcbProfiles() {
    }

    /** The profile of an ICB; every ICB of the reference data has one. */
    static Profile of(String icb) {
        Profile p = PROFILES.get(icb);
        if (p == null) {
            throw new IllegalStateException("no illustrative profile for ICB " + icb);
        }
        return p;
    }

    /** How much more (or less) common {@code code} is in the ICB than in England, before normalising. */
    static double factor(String icb, String code) {
        Profile p = of(icb);
        return switch (code) {
            case "A" -> 1;
            case "B" -> Math.sqrt(p.whiteOther());
            case "C" -> p.whiteOther();
            case "D", "E", "F", "G" -> p.mixed();
            case "H" -> p.asian() * p.indian();
            case "J" -> p.asian() * p.pakistani();
            case "K" -> p.asian() * p.bangladeshi();
            case "L" -> p.asian();
            case "M", "N", "P" -> p.black();
            case "R", "S" -> p.other();
            default -> throw new IllegalArgumentException("not a stated ethnic category: " + code);
        };
    }

    private static Map<String, Profile> parse() {
        Map<String, Profile> result = new HashMap<>();
        for (String line : TABLE.strip().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 7 && f.length != 10) {
                throw new IllegalStateException("bad profile line: " + line);
            }
            double[] v = {1, 1, 1, 1, 1, 1, 1, 1, 1};
            for (int i = 1; i < f.length; i++) {
                v[i - 1] = Double.parseDouble(f[i]);
            }
            result.put(f[0], new Profile(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]));
        }
        if (!result.keySet().equals(ReferenceData.get().icbs().keySet())) {
            throw new IllegalStateException("illustrative ICB profiles do not match the reference ICBs");
        }
        return result;
    }
}
