#!/bin/sh
# Puts the laborwatch index templates (stack/elasticsearch/*.json, mounted at /templates). Idempotent.
set -eu
ES=${ES_URL:-http://elasticsearch:9200}
for file in /templates/*.json; do
  name=$(basename "$file" .json)
  curl -fsS -X PUT "$ES/_index_template/$name" -H 'Content-Type: application/json' --data-binary "@$file" >/dev/null
  echo "index template $name"
done
