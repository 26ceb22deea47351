-- Several daemon replicas on one PostgreSQL state database (gardien run --lease): each replica's
-- heartbeat, and each server's lease (who owns it, until when, and the epoch that fences a replica
-- that lost it). Times are the database's, so the replicas' clocks need not agree.
CREATE TABLE replica (
  id        VARCHAR(100) PRIMARY KEY,
  started   TIMESTAMP WITH TIME ZONE NOT NULL,
  heartbeat TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE server_lease (
  server  VARCHAR(253) PRIMARY KEY,
  owner   VARCHAR(100) NOT NULL,
  epoch   BIGINT       NOT NULL,
  expires TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX server_lease_owner ON server_lease (owner);
