-- The monitoring's history, kept small. Each hour of each check of a server is one row of counts
-- (check_name '*' is the server's round: failed when any of its checks failed), so a healthy
-- server costs a few rows an hour; each failed check of a round is one row of its own, with its
-- error. A passed round is thus known by its hour's count, a failed one exactly.
CREATE TABLE monitor_hour (
  server      VARCHAR(253) NOT NULL,
  hour_start  TIMESTAMP WITH TIME ZONE NOT NULL,
  check_name  VARCHAR(300) NOT NULL,
  rounds      INT NOT NULL,
  failures    INT NOT NULL,
  took_ms_sum BIGINT NOT NULL,
  took_ms_max INT NOT NULL,
  PRIMARY KEY (server, hour_start, check_name)
);
CREATE INDEX monitor_hour_start ON monitor_hour (hour_start);

CREATE TABLE monitor_failure (
  server     VARCHAR(253) NOT NULL,
  failed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  check_name VARCHAR(300) NOT NULL,
  took_ms    INT NOT NULL,
  error      VARCHAR(1000) NOT NULL
);
CREATE INDEX monitor_failure_server_at ON monitor_failure (server, failed_at);
CREATE INDEX monitor_failure_at ON monitor_failure (failed_at);

-- What a server said of itself when its incident opened (units down, recent errors, disks, memory).
ALTER TABLE incident ADD COLUMN details VARCHAR(8000);
