#!/bin/sh
# One-shot set-up of Elasticsearch for laborwatch (the compose service es-setup; idempotent, safe to rerun):
#   - the index templates (stack/elasticsearch/*.json, mounted at /templates);
#   - one role per client (/setup/roles/<role>.json, least privilege on lw-* indices) and one user per client, with
#     the password from that client's secrets file:
#       laborwatch_index  the index job (IndexJob)            /run/secrets/es_index_password
#       laborwatch_api    the service (ui-api)                /run/secrets/es_api_password
#     The engine job (StackJob) reads and writes Kafka only and has no Elasticsearch user at all.
# It authenticates as the built-in superuser `elastic` (ELASTIC_PASSWORD_FILE), the only client that ever does.
# No password appears on a command line: curl reads the credentials from a config file and each user's JSON from
# stdin, so neither shows in the container's process list.
set -eu
ES=${ES_URL:-http://elasticsearch:9200}
TEMPLATES=${TEMPLATES:-/templates}
ROLES=${ROLES:-/setup/roles}
SECRETS=${SECRETS:-/run/secrets}
: "${ELASTIC_PASSWORD_FILE:?ELASTIC_PASSWORD_FILE must name the elastic user's password file}"

AUTH=$(mktemp)
trap 'rm -f "$AUTH"' EXIT
chmod 600 "$AUTH"
printf 'user = "elastic:%s"\n' "$(cat "$ELASTIC_PASSWORD_FILE")" >"$AUTH"

es() {
  method=$1 path=$2
  shift 2
  curl -fsS -K "$AUTH" -X "$method" "$ES$path" -H 'Content-Type: application/json' "$@" >/dev/null
}

# Passwords go into JSON as they are: refuse what would need escaping rather than escape it wrongly.
checked_password() {
  password=$(cat "$1")
  case $password in
    *'"'* | *'\'*) echo "es-setup: $1 holds a quote or a backslash; generate it with docker/setup/make-secrets.sh" >&2; exit 1 ;;
  esac
  if [ ${#password} -lt 16 ]; then
    echo "es-setup: $1 holds fewer than 16 characters; generate it with docker/setup/make-secrets.sh" >&2
    exit 1
  fi
  printf '%s' "$password"
}

for file in "$TEMPLATES"/*.json; do
  name=$(basename "$file" .json)
  es PUT "/_index_template/$name" --data-binary "@$file"
  echo "index template $name"
done
# An alerts index made by an earlier release lacks the field the service adds; mappings only grow, so repeat freely.
if curl -fs -K "$AUTH" "$ES/lw-alerts" >/dev/null 2>&1; then
  es PUT "/lw-alerts/_mapping" --data-binary \
    '{"properties":{"acknowledgements":{"properties":{"agency":{"type":"keyword"},"by":{"type":"keyword"},"at":{"type":"date"}}}}}'
  echo "lw-alerts: acknowledgements mapped"
fi

user() {
  name=$1 role=$2 password_file=$3
  es PUT "/_security/role/$role" --data-binary "@$ROLES/$role.json"
  password=$(checked_password "$password_file")
  printf '{"password":"%s","roles":["%s"],"full_name":"laborwatch %s"}' "$password" "$role" "$name" \
    | es PUT "/_security/user/$name" --data-binary @-
  echo "user $name (role $role)"
}

user laborwatch_index laborwatch_index "$SECRETS/es_index_password"
user laborwatch_api laborwatch_api "$SECRETS/es_api_password"
user laborwatch_workbench laborwatch_workbench "$SECRETS/es_workbench_password"
