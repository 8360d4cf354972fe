-- What cdc-ingest needs of the fastschema user to read the binlog (README "Attaching to MySQL or
-- MariaDB"): no SUPER, no ALL. The image creates the user and its database before this runs.
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO 'fastschema'@'%';
