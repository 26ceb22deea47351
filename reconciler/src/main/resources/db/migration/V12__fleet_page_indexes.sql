-- The dashboard's fleet page reads one reading (the certificates' expiry) of every server at once,
-- by name and time, every few seconds: an index that starts with the name, not the server.
CREATE INDEX reading_sample_name_taken ON reading_sample (name, taken);
-- PostgreSQL makes no index for a foreign key: a run's results are read by their run.
CREATE INDEX maintenance_result_run ON maintenance_result (run_id);
