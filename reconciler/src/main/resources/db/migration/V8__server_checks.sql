-- The check-only rules of each server as its last run found them (the prerequisites: Debian
-- release, RAID on bare metal, separate /var/log and /tmp, swap equal to RAM; a backup's state…):
-- one row per server, module and check, replaced by each run that read them. The monthly report
-- shows them.
CREATE TABLE server_check (
  server     VARCHAR(253) NOT NULL,
  module     VARCHAR(100) NOT NULL,
  check_name VARCHAR(300) NOT NULL,
  passed     BOOLEAN      NOT NULL,
  expected   VARCHAR(1000) NOT NULL,
  actual     VARCHAR(1000) NOT NULL,
  checked    TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (server, module, check_name)
);
