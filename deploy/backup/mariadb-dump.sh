#!/usr/bin/env bash
# Nightly catalog backup: a consistent mariadb-dump of the darkroom database (one transaction, no table locks),
# gzipped, written under a temporary name and renamed when complete, old dumps pruned.
# Run by darkroom-backup.timer (deploy/systemd). Restore: docs/deploy.md, "Backups and restore".
#
# Environment (defaults in brackets):
#   DARKROOM_BACKUP_DIR [/srv/darkroom/backup]   where dumps go (a Storage Box sub-account folder works too)
#   DARKROOM_BACKUP_KEEP_DAYS [14]               dumps older than this are deleted
#   DARKROOM_DUMP_VIA [docker]                   docker: `docker compose exec mariadb`; local: mariadb-dump here
#   DARKROOM_COMPOSE_DIR [/opt/darkroom]         the checkout holding docker-compose.yml (docker mode)
#   DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD  the database (local mode; as the services get them)
set -euo pipefail

backup_dir="${DARKROOM_BACKUP_DIR:-/srv/darkroom/backup}"
keep_days="${DARKROOM_BACKUP_KEEP_DAYS:-14}"
via="${DARKROOM_DUMP_VIA:-docker}"
db="${DB_NAME:-darkroom}"
options=(--single-transaction --quick --routines --triggers --events --hex-blob --default-character-set=utf8mb4
         --databases "$db")

mkdir -p "$backup_dir"
target="$backup_dir/darkroom-$(date -u +%Y%m%dT%H%M%SZ).sql.gz"
partial="$target.partial"
trap 'rm -f "$partial"' EXIT

case "$via" in
  docker)
    cd "${DARKROOM_COMPOSE_DIR:-/opt/darkroom}"
    # The password stays inside the container's environment, off this host's process list.
    docker compose exec -T mariadb sh -c 'exec mariadb-dump -uroot -p"$MARIADB_ROOT_PASSWORD" "$@"' dump "${options[@]}" \
      | gzip -6 >"$partial"
    ;;
  local)
    MYSQL_PWD="${DB_PASSWORD:?DB_PASSWORD is required}" mariadb-dump -h "${DB_HOST:-127.0.0.1}" -P "${DB_PORT:-3306}" \
      -u "${DB_USER:-darkroom}" "${options[@]}" | gzip -6 >"$partial"
    ;;
  *)
    echo "DARKROOM_DUMP_VIA must be docker or local, not '$via'" >&2
    exit 2
    ;;
esac

# A dump that mariadb-dump finished ends with its "Dump completed" line; anything else is a broken backup.
gzip -t "$partial"
zcat "$partial" | tail -n 1 | grep -q '^-- Dump completed' || { echo "dump is incomplete: $partial" >&2; exit 1; }
mv "$partial" "$target"
trap - EXIT
find "$backup_dir" -maxdepth 1 -name 'darkroom-*.sql.gz' -mtime +"$keep_days" -delete
echo "catalog dump: $target ($(du -h "$target" | cut -f1))"
