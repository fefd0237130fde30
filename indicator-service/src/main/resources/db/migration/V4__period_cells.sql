-- The counts values are summed from (cells: one per combination of characteristics a breakdown
-- reads, see CellQuery), per dataset, counting rule and period, kept up to date by the commit
-- that changes a month: it adds the new submission's contribution and subtracts the one it
-- replaces (for people measures, the difference its people make to each period). A recalculation
-- then reads a period's cells instead of every record of the period.
-- Key columns are text (absent = null: not grouped by it, or unknown); the arrays hold one count
-- per indicator of the query, in the catalogue's order.
CREATE TABLE period_cell (
    dataset            text     NOT NULL,
    counting           text     NOT NULL,
    period             text     NOT NULL,
    grouping_mask      integer  NOT NULL,
    residence_icb      text,
    provider           text,
    ethnic_category    text,
    gender             text,
    imd_decile         text,
    age_band           text,
    sex                text,
    sexual_orientation text,
    numerators         bigint[] NOT NULL,
    denominators       bigint[] NOT NULL,
    CONSTRAINT period_cell_key UNIQUE NULLS NOT DISTINCT (dataset, counting, period, grouping_mask, residence_icb,
        provider, ethnic_category, gender, imd_decile, age_band, sex, sexual_orientation)
);

-- The periods whose cells are exact for the current submissions, and the cell queries that built
-- them (a catalogue change alters the queries, and the cells are then built again). A period
-- without a row has its cells built from the records by the next recalculation of it.
-- built_records: the period's records when its cells were built; change_cost: what the
-- differences added since cost, in records (those of the submissions replaced and replacing,
-- plus a fixed amount a change); past a share of built_records the cells are built again.
CREATE TABLE period_cell_state (
    dataset         text   NOT NULL,
    period          text   NOT NULL,
    signature       text   NOT NULL,
    built_records   bigint NOT NULL,
    change_cost     bigint NOT NULL,
    PRIMARY KEY (dataset, period)
);

-- A people measure's change is worked out from the records of the people a submission touches.
CREATE INDEX mhsds_record_person ON mhsds_record (person_id);
CREATE INDEX tt_record_person ON tt_record (person_id);
