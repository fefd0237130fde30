package uk.nhs.mhe.library.casestudy;

import java.util.LinkedHashMap;
import java.util.Map;

/** The controlled vocabularies of docs/api.md: ids (the contract) and the service's labels. */
public final class Vocabularies {

    private Vocabularies() {
    }

    public static final Map<String, String> POPULATION_GROUPS = ordered(
            "ethnic-minority", "Ethnic minority communities",
            "black", "Black and Black British communities",
            "asian", "Asian and Asian British communities",
            "mixed", "Mixed or multiple ethnic groups",
            "gypsy-roma-traveller", "Gypsy, Roma and Traveller communities",
            "refugees-asylum-seekers", "Refugees and people seeking asylum",
            "older-people", "Older people",
            "children-young-people", "Children and young people",
            "lgbt-plus", "LGBT+ people",
            "disabled-people", "Disabled people",
            "learning-disability-autism", "People with a learning disability and autistic people",
            "deprived-areas", "People living in deprived areas",
            "rural", "Rural communities",
            "veterans", "Veterans",
            "perinatal", "Women in the perinatal period",
            "homeless", "People experiencing homelessness",
            "offenders", "People in contact with the criminal justice system");

    public static final Map<String, String> SERVICE_AREAS = ordered(
            "talking-therapies", "NHS Talking Therapies",
            "community", "Community mental health",
            "crisis", "Crisis care",
            "inpatient", "Inpatient care",
            "secure-forensic", "Secure and forensic services",
            "cyp", "Children and young people's mental health",
            "perinatal", "Perinatal mental health",
            "eating-disorders", "Eating disorders",
            "early-intervention-psychosis", "Early intervention in psychosis",
            "older-adults", "Older adults' mental health",
            "primary-care", "Primary care");

    public static final Map<String, String> INTERVENTION_TYPES = ordered(
            "co-production", "Co-production",
            "community-outreach", "Community outreach",
            "culturally-adapted-therapy", "Culturally adapted therapy",
            "peer-support", "Peer support",
            "pathway-redesign", "Pathway redesign",
            "workforce", "Workforce",
            "training", "Training",
            "data-and-insight", "Data and insight",
            "partnership", "Partnership",
            "digital", "Digital");

    public static final Map<String, String> STAGES = ordered(
            "identify", "Identify",
            "design", "Design",
            "deliver", "Deliver",
            "evaluate", "Evaluate");

    public static final Map<String, String> EVIDENCE_LEVELS = ordered(
            "anecdotal", "Anecdotal",
            "local-evaluation", "Local evaluation",
            "controlled-evaluation", "Controlled evaluation",
            "peer-reviewed", "Peer reviewed");

    /** NHS England regions (ODS codes). */
    public static final Map<String, String> REGIONS = ordered(
            "Y56", "London",
            "Y58", "South West",
            "Y59", "South East",
            "Y60", "Midlands",
            "Y61", "East of England",
            "Y62", "North West",
            "Y63", "North East and Yorkshire");

    public static Map<String, Map<String, String>> all() {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        all.put("populationGroups", POPULATION_GROUPS);
        all.put("serviceArea", SERVICE_AREAS);
        all.put("interventionType", INTERVENTION_TYPES);
        all.put("stage", STAGES);
        all.put("evidenceLevel", EVIDENCE_LEVELS);
        all.put("region", REGIONS);
        return all;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
