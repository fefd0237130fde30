package uk.nhs.mhe.library.casestudy;

/** The states of a case study (docs/api.md). */
public enum Status {
    DRAFT, SUBMITTED, RETURNED, PUBLISHED, ARCHIVED, RETRACTED
}
