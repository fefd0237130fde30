package uk.nhs.mhe.demo;

import uk.nhs.mhe.reference.Icb;
import uk.nhs.mhe.reference.ReferenceData;
import uk.nhs.mhe.reference.Trust;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;

/**
 * Which residents each trust serves in a month, so that every ICB's population is covered by
 * someone and residence looks real: most of a trust's patients live in its own ICB, some in
 * neighbouring ICBs of the same region.
 *
 * <p>An ICB's people in contact are served {@value #OWN_ICB}-wise by the trusts ODS places in it
 * (equally), the rest by all open trusts of its region. An ICB with no trust of its own (e.g.
 * Shropshire, Bristol) is served by the trusts of its region. Closures and mergers (RRP and TAF
 * into G6V2S) move the share to whoever is open that month.
 */
final class Catchments {

    static final double OWN_ICB = 0.92;

    private Catchments() {
    }

    /** Trusts open in the month (indicators.md rule), in ODS code order. */
    static List<Trust> openIn(YearMonth month) {
        return ReferenceData.get().trusts().values().stream().filter(t -> t.isOpenIn(month))
                .sorted(Comparator.comparing(Trust::odsCode)).toList();
    }

    /** For each ICB of {@code icbs}, the share of its people in contact that {@code trust} serves. */
    static double[] shares(Trust trust, YearMonth month, List<String> icbs) {
        ReferenceData ref = ReferenceData.get();
        List<Trust> open = openIn(month);
        String trustRegion = ref.icbs().get(trust.icbOdsCode()).regionOdsCode();
        double[] share = new double[icbs.size()];
        for (int i = 0; i < icbs.size(); i++) {
            Icb icb = ref.icbs().get(icbs.get(i));
            long own = open.stream().filter(t -> t.icbOdsCode().equals(icb.odsCode())).count();
            long region = open.stream()
                    .filter(t -> ref.icbs().get(t.icbOdsCode()).regionOdsCode().equals(icb.regionOdsCode())).count();
            boolean inRegion = trustRegion.equals(icb.regionOdsCode());
            if (own == 0) {
                share[i] = inRegion ? 1.0 / region : 0;
            } else {
                share[i] = (trust.icbOdsCode().equals(icb.odsCode()) ? OWN_ICB / own : 0)
                        + (inRegion ? (1 - OWN_ICB) / region : 0);
            }
        }
        return share;
    }
}
