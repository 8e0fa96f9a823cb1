#!/bin/sh
# Generates the secrets docker/compose.yaml reads, once, on the host that runs it:
#   docker/secrets/elastic-password.txt   the Elasticsearch superuser `elastic` (only es-setup uses it)
#   docker/secrets/es-index-password.txt  the index job's Elasticsearch user, laborwatch_index
#   docker/secrets/es-api-password.txt    the service's Elasticsearch user, laborwatch_api
#   docker/secrets/jwt-secret.txt         the key the service signs its JWTs with (HS256, 256 bits)
#   docker/secrets/admin-password.txt     the password of the service's first admin, `admin`
# Existing files are kept (rerun it safely); delete one to rotate it, then `docker compose up -d` again (es-setup
# resets the users' passwords; the elastic password only takes effect on a new data volume: change it with
# bin/elasticsearch-reset-password otherwise). docker/secrets/ is ignored by git and by the image builds: never
# commit it. The folder is readable by its owner only; the files inside are readable by all, because the containers
# read them as their own users (Elasticsearch, Flink and the service each run as a different one).
set -eu
DIR=$(cd "$(dirname "$0")/.." && pwd)/secrets
umask 077
mkdir -p "$DIR"
chmod 700 "$DIR"
for name in elastic-password es-index-password es-api-password es-workbench-password jwt-secret admin-password; do
  file="$DIR/$name.txt"
  if [ -s "$file" ]; then
    echo "kept      $file"
    continue
  fi
  openssl rand -hex 32 >"$file"
  chmod 644 "$file"
  echo "generated $file"
done
