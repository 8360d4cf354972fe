-- FastSchema's own role: owner of its database and tables, with REPLICATION so that cdc-ingest can
-- read the change log as the same role. Not a superuser.
CREATE ROLE fastschema LOGIN REPLICATION PASSWORD 'fastschema';
CREATE DATABASE fastschema OWNER fastschema;
