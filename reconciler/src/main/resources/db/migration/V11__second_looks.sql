-- Two vantage points (several replicas): the replica that owns a failing server asks the others to
-- look at it from where they stand before an incident opens. One request a server while its
-- failures last (asked: the streak's first failed round; renewed: its latest), and each replica's
-- latest look at it. Times are the database's. An incident records the replicas that saw it.
CREATE TABLE second_look_request (
  server    VARCHAR(253) PRIMARY KEY,
  asked_by  VARCHAR(100) NOT NULL,
  asked     TIMESTAMP WITH TIME ZONE NOT NULL,
  renewed   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE second_look (
  server        VARCHAR(253)  NOT NULL,
  replica       VARCHAR(100)  NOT NULL,
  looked        TIMESTAMP WITH TIME ZONE NOT NULL,
  failed        BOOLEAN       NOT NULL,
  failed_checks VARCHAR(1000) NOT NULL,
  PRIMARY KEY (server, replica)
);

ALTER TABLE incident ADD COLUMN seen_by VARCHAR(1000) DEFAULT '' NOT NULL;
