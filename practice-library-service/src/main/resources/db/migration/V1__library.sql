-- The library's own schema starts here; case studies arrive with their feature work.
CREATE TABLE library_info (
    key   text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO library_info (key, value) VALUES ('schema', 'practice-library');
