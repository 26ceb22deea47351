-- Gardien's generated secrets, when they are kept in the state database ($GARDIEN_STATE_URL):
-- one encrypted blob per server, exactly the bytes of the file store's SERVER.json.enc
-- (AES-256-GCM, server name as associated data). The key stays a file on the controller
-- ($GARDIEN_HOME/secret.key) and never enters the database.
CREATE TABLE server_secrets (
  server   VARCHAR(253) NOT NULL PRIMARY KEY,
  sealed   BYTEA        NOT NULL,
  updated  TIMESTAMP WITH TIME ZONE NOT NULL
);
