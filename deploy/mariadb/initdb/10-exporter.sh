#!/bin/bash
# Runs once, when the mariadb container starts on an empty data volume (/docker-entrypoint-initdb.d):
# the read-only account mysqld-exporter scrapes with. The systemd install runs the same SQL by hand (docs/deploy.md).
set -euo pipefail
mariadb -uroot -p"${MARIADB_ROOT_PASSWORD}" <<SQL
CREATE USER IF NOT EXISTS 'exporter'@'%' IDENTIFIED BY '${MARIADB_EXPORTER_PASSWORD}' WITH MAX_USER_CONNECTIONS 3;
GRANT PROCESS, REPLICATION CLIENT, SLAVE MONITOR, SELECT ON *.* TO 'exporter'@'%';
SQL
