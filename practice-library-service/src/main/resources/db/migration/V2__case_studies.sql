-- Case studies, their revisions, attachments, usage and the indicator disparities that feed
-- recommendations. Search is PostgreSQL full-text search over a stored, weighted tsvector.

-- English stemming with accents folded: "Señora" and "senora", "naïve" and "naive" match.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION library_english (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION library_english
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

CREATE TABLE case_study (
    id                 uuid PRIMARY KEY,
    organisation       text        NOT NULL,
    status             text        NOT NULL CHECK (status IN ('DRAFT','SUBMITTED','RETURNED','PUBLISHED','ARCHIVED','RETRACTED')),
    version            integer     NOT NULL,
    title              text        NOT NULL,
    summary            text        NOT NULL,
    body               text        NOT NULL,
    body_text          text        NOT NULL,
    region             text        NOT NULL,
    population_groups  text[]      NOT NULL,
    service_area       text        NOT NULL,
    intervention_type  text        NOT NULL,
    stage              text        NOT NULL,
    evidence_level     text        NOT NULL,
    evaluation         text,
    outcomes           jsonb       NOT NULL DEFAULT '[]',
    related_indicators text[]      NOT NULL DEFAULT '{}',
    sponsorship        text,
    contact            jsonb,
    tags               text[]      NOT NULL DEFAULT '{}',
    created_by         text        NOT NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    published_at       timestamptz,
    review_due         date,
    moderator_comment  text,
    retraction_reason  text,
    retracted_at       timestamptz,
    views              bigint      NOT NULL DEFAULT 0,
    search             tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('library_english'::regconfig, title), 'A') ||
        setweight(to_tsvector('library_english'::regconfig, summary), 'B') ||
        setweight(to_tsvector('library_english'::regconfig, body_text), 'C')) STORED,
    -- Ranking reads this small vector (title and summary, stored inline) for every match; the
    -- full one above is large, kept out of line by TOAST, and only its GIN index is read.
    search_head        tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('library_english'::regconfig, title), 'A') ||
        setweight(to_tsvector('library_english'::regconfig, summary), 'B')) STORED
);
CREATE INDEX case_study_search_idx ON case_study USING gin (search);
CREATE INDEX case_study_groups_idx ON case_study USING gin (population_groups);
-- Browsing without text reads facets and sort keys from this index alone (index-only scan).
CREATE INDEX case_study_browse_idx ON case_study (status, published_at DESC)
    INCLUDE (id, organisation, region, service_area, evidence_level, stage, population_groups, updated_at, views);
CREATE INDEX case_study_organisation_idx ON case_study (organisation, status);

-- Every save and every workflow action is a revision; revisions are never changed.
CREATE TABLE case_study_revision (
    case_study_id uuid        NOT NULL REFERENCES case_study (id),
    n             integer     NOT NULL,
    action        text        NOT NULL,
    status        text        NOT NULL,
    author        text        NOT NULL,
    created_at    timestamptz NOT NULL,
    comment       text,
    content       jsonb       NOT NULL,
    PRIMARY KEY (case_study_id, n)
);

CREATE FUNCTION revision_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'case study revisions are immutable';
END $$;
CREATE TRIGGER case_study_revision_immutable BEFORE UPDATE OR DELETE ON case_study_revision
    FOR EACH ROW EXECUTE FUNCTION revision_is_immutable();

CREATE TABLE attachment (
    id            uuid PRIMARY KEY,
    case_study_id uuid        NOT NULL REFERENCES case_study (id),
    filename      text        NOT NULL,
    media_type    text        NOT NULL,
    size_bytes    bigint      NOT NULL,
    sha256        text        NOT NULL,
    uploaded_by   text        NOT NULL,
    uploaded_at   timestamptz NOT NULL
);
CREATE INDEX attachment_case_study_idx ON attachment (case_study_id);

-- One row per (case study, viewer, day): views are counted once per user per day.
CREATE TABLE case_study_view (
    case_study_id uuid NOT NULL REFERENCES case_study (id),
    viewer        text NOT NULL,
    day           date NOT NULL,
    PRIMARY KEY (case_study_id, viewer, day)
);

-- Latest disparities per (indicator, area), from mhe.indicator-changes.v1.
CREATE TABLE indicator_disparity (
    indicator_id      text        NOT NULL,
    area              text        NOT NULL,
    period            text        NOT NULL,
    disparity_groups  jsonb       NOT NULL,
    computed_at       timestamptz NOT NULL,
    PRIMARY KEY (indicator_id, area)
);

-- Transactional inbox: event ids recorded in the same transaction as their effect.
CREATE TABLE processed_event (
    event_id     text PRIMARY KEY,
    event_type   text        NOT NULL,
    processed_at timestamptz NOT NULL
);
