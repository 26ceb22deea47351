-- The modules' readings over time (a certificate's expiry, a backup's age, later the monitoring's
-- response times): one row a reading and run, kept as long as the run history. The monthly
-- report draws its charts from here. Names and labels only: never a secret.
CREATE TABLE reading_sample (
  server  VARCHAR(253)  NOT NULL,
  name    VARCHAR(128)  NOT NULL,
  labels  VARCHAR(1000) NOT NULL,
  taken   TIMESTAMP WITH TIME ZONE NOT NULL,
  reading DOUBLE PRECISION NOT NULL
);
CREATE INDEX reading_sample_server_name_taken ON reading_sample (server, name, taken);
