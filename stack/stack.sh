#!/usr/bin/env bash
# The local stack: a single-node Kafka (KRaft) broker and an Elasticsearch node on loopback, fetched from Maven
# Central once and cached. Called by `./laborwatch stack up|down|status|logs`; see docs/operations.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KAFKA_VERSION=4.1.1
ES_VERSION=8.19.5
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/laborwatch"
# Elasticsearch refuses to run as root; as root it runs as this user, from a home that user can read.
ES_USER=laborwatch
if [[ $(id -u) -eq 0 ]]; then
  STACK_HOME="${LW_STACK_HOME:-/var/lib/laborwatch}"
else
  STACK_HOME="${LW_STACK_HOME:-$CACHE/stack}"
fi
KAFKA_BOOTSTRAP="${LW_KAFKA_BOOTSTRAP:-127.0.0.1:9092}"
ES_URL="${LW_ES_URL:-http://127.0.0.1:9200}"
PARTITIONS="${LW_PARTITIONS:-4}"
# Elasticsearch's CPU priority on this machine (nice 0-19; 0 = the same as everything else).
ES_NICENESS="${LW_ES_NICENESS:-10}"
RESET=false
# --secure (or LW_ES_SECURE=true): Elasticsearch with security on, as in production (docker/), the password of its
# superuser `elastic` in $STACK_HOME/elastic-password.txt.
SECURE="${LW_ES_SECURE:-false}"

LOGS="$STACK_HOME/logs"
RUN="$STACK_HOME/run"
KAFKA_DATA="$STACK_HOME/data/kafka"
ES_HOME="$STACK_HOME/elasticsearch-$ES_VERSION"
ES_DATA="$STACK_HOME/data/elasticsearch"
ES_PASSWORD_FILE="$STACK_HOME/elastic-password.txt"

say() { printf 'laborwatch stack: %s\n' "$*"; }
fail() { printf 'laborwatch stack: %s\n' "$*" >&2; exit 1; }

host_of() { local hp=${1#*://}; hp=${hp%%/*}; echo "${hp%:*}"; }
port_of() { local hp=${1#*://}; hp=${hp%%/*}; echo "${hp##*:}"; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

parse_flags() {
  while [[ $# -gt 0 ]]; do
    case $1 in
      --reset) RESET=true ;;
      --secure) SECURE=true ;;
      --partitions) PARTITIONS=$2; shift ;;
      --kafka) KAFKA_BOOTSTRAP=$2; shift ;;
      --es) ES_URL=$2; shift ;;
      *) fail "unknown option $1 (options: --reset, --secure, --partitions N, --kafka HOST:PORT, --es URL)" ;;
    esac
    shift
  done
}

# --- downloads, once ------------------------------------------------------------------------------------------------

kafka_classpath() {
  local cp_file="$CACHE/kafka-$KAFKA_VERSION.classpath"
  if [[ ! -s $cp_file ]]; then
    mkdir -p "$CACHE"
    say "resolving the Kafka $KAFKA_VERSION broker from Maven Central (once) ..." >&2 # stdout is the classpath
    if ! mvn -q -B -f "$HERE/stack/broker-classpath.xml" dependency:build-classpath \
        -Dmdep.outputFile="$cp_file" >"$CACHE/kafka-download.log" 2>&1; then
      rm -f "$cp_file"
      fail "could not download Kafka $KAFKA_VERSION; see $CACHE/kafka-download.log"
    fi
  fi
  cat "$cp_file"
}

es_install() {
  if [[ -x $ES_HOME/bin/elasticsearch ]]; then
    return
  fi
  local zip="$CACHE/elasticsearch-$ES_VERSION.zip"
  if [[ ! -s $zip ]]; then
    mkdir -p "$CACHE"
    say "downloading Elasticsearch $ES_VERSION (integ-test-zip, ~97 MB) from Maven Central (once) ..."
    if ! (cd "$HERE" && mvn -q -B dependency:copy \
        -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
        -DoutputDirectory="$CACHE") >"$CACHE/es-download.log" 2>&1; then
      fail "could not download Elasticsearch $ES_VERSION; see $CACHE/es-download.log"
    fi
  fi
  mkdir -p "$STACK_HOME"
  rm -rf "$ES_HOME.tmp" && mkdir -p "$ES_HOME.tmp"
  unzip -q "$zip" -d "$ES_HOME.tmp" || fail "could not unpack $zip"
  mv "$ES_HOME.tmp/elasticsearch-$ES_VERSION" "$ES_HOME" && rm -rf "$ES_HOME.tmp"
}

# A server of this stack home that is up must be the one asked for: a changed address while it runs would otherwise
# pass for "already up" and fail later, far from the cause.
same_address() {
  local name=$1 wanted=$2 variable=$3 running
  running=$(cat "$RUN/${name,,}.address" 2>/dev/null || true)
  [[ -z $running || $running == "$wanted" ]] && return
  fail "$name of $STACK_HOME already runs at $running, not $wanted; run 'stack down' first, or set $variable=$running (or another LW_STACK_HOME for a second stack)"
}

# --- Kafka ----------------------------------------------------------------------------------------------------------

kafka_up() {
  local host port controller cp
  host=$(host_of "$KAFKA_BOOTSTRAP"); port=$(port_of "$KAFKA_BOOTSTRAP"); controller=$((port + 1))
  if alive "$RUN/kafka.pid"; then
    same_address Kafka "$KAFKA_BOOTSTRAP" LW_KAFKA_BOOTSTRAP
    say "Kafka already up at $KAFKA_BOOTSTRAP (pid $(cat "$RUN/kafka.pid"))"
    return
  fi
  for p in "$port" "$controller"; do
    port_open "$host" "$p" && fail "port $host:$p is taken by another process; free it or set LW_KAFKA_BOOTSTRAP"
  done
  cp=$(kafka_classpath) || exit 1
  mkdir -p "$KAFKA_DATA" "$LOGS" "$RUN"
  cat >"$STACK_HOME/kafka.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$host:$controller
listeners=PLAINTEXT://$host:$port,CONTROLLER://$host:$controller
advertised.listeners=PLAINTEXT://$host:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_DATA
num.partitions=$PARTITIONS
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  if [[ ! -f $KAFKA_DATA/meta.properties ]]; then
    local id
    id=$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>"$LOGS/kafka-format.log" | tail -1) \
      || fail "could not make a Kafka cluster id; see $LOGS/kafka-format.log"
    java -cp "$cp" kafka.tools.StorageTool format -t "$id" -c "$STACK_HOME/kafka.properties" \
      >"$LOGS/kafka-format.log" 2>&1 || fail "could not format Kafka's storage; see $LOGS/kafka-format.log"
  fi
  nohup java -Xms256m -Xmx512m -Dkafka.logs.dir="$LOGS" -cp "$cp" kafka.Kafka "$STACK_HOME/kafka.properties" \
    >"$LOGS/kafka.log" 2>&1 &
  echo $! >"$RUN/kafka.pid"
  echo "$KAFKA_BOOTSTRAP" >"$RUN/kafka.address"
  for _ in $(seq 1 60); do
    port_open "$host" "$port" && { say "Kafka $KAFKA_VERSION up at $KAFKA_BOOTSTRAP"; return; }
    alive "$RUN/kafka.pid" || fail "Kafka exited while starting; see $LOGS/kafka.log"
    sleep 1
  done
  fail "Kafka did not open $KAFKA_BOOTSTRAP within 60 s; see $LOGS/kafka.log"
}

kafka_topics() {
  local cp
  cp=$(kafka_classpath) || exit 1
  create_topic() {
    java -cp "$cp" org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --create \
      --if-not-exists --topic "$1" --partitions "$2" --replication-factor 1 "${@:3}" \
      >>"$LOGS/topics.log" 2>&1 || fail "could not create topic $1; see $LOGS/topics.log"
  }
  create_topic lw.signals "$PARTITIONS"
  create_topic lw.alerts "$PARTITIONS"
  create_topic lw.risk "$PARTITIONS" --config cleanup.policy=compact
  create_topic lw.signals.dlq 1
  create_topic lw.rules 1 --config cleanup.policy=compact
  create_topic lw.rules.events 1
  create_topic lw.cases.events "$PARTITIONS"
  say "topics lw.signals, lw.alerts and lw.risk (compacted) ($PARTITIONS partitions), lw.signals.dlq, lw.rules (compacted), lw.rules.events, lw.cases.events"
}

# --- Elasticsearch --------------------------------------------------------------------------------------------------

# curl to the node, as `elastic` when it runs with security on: the password goes through curl's config on stdin,
# never on a command line.
es_curl() {
  if [[ -f $RUN/elasticsearch.secure ]]; then
    printf 'user = "elastic:%s"\n' "$(cat "$ES_PASSWORD_FILE")" | curl -K - "$@"
  else
    curl "$@"
  fi
}

# The superuser's password, made once, and the node's keystore holding it as the bootstrap password.
es_secure_setup() {
  if [[ ! -s $ES_PASSWORD_FILE ]]; then
    (umask 077 && od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$ES_PASSWORD_FILE")
  fi
  if [[ ! -f $ES_HOME/config/elasticsearch.keystore ]]; then
    as_es_user env ES_JAVA_HOME="$1" "$ES_HOME/bin/elasticsearch-keystore" create >>"$LOGS/keystore.log" 2>&1 \
      || fail "could not create Elasticsearch's keystore; see $LOGS/keystore.log"
  fi
  as_es_user env ES_JAVA_HOME="$1" "$ES_HOME/bin/elasticsearch-keystore" add -x -f bootstrap.password \
    <"$ES_PASSWORD_FILE" >>"$LOGS/keystore.log" 2>&1 \
    || fail "could not put the bootstrap password into Elasticsearch's keystore; see $LOGS/keystore.log"
}

as_es_user() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u "$ES_USER" -- "$@"
  else
    "$@"
  fi
}

es_up() {
  local host port java_home
  host=$(host_of "$ES_URL"); port=$(port_of "$ES_URL")
  if alive "$RUN/elasticsearch.pid"; then
    same_address Elasticsearch "$ES_URL" LW_ES_URL
    say "Elasticsearch already up at $ES_URL (pid $(cat "$RUN/elasticsearch.pid"))"
    return
  fi
  port_open "$host" "$port" && fail "port $host:$port is taken by another process; free it or set LW_ES_URL"
  es_install
  mkdir -p "$ES_DATA" "$LOGS/elasticsearch" "$RUN"
  if [[ $(id -u) -eq 0 ]]; then
    id "$ES_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER" \
      || fail "could not create the user $ES_USER that Elasticsearch runs as"
    chown -R "$ES_USER" "$ES_HOME" "$ES_DATA" "$LOGS/elasticsearch" "$RUN"
    chmod 755 "$STACK_HOME" "$STACK_HOME/data" "$LOGS"
  fi
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  rm -f "$RUN/elasticsearch.pid" "$RUN/elasticsearch.secure"
  echo "$ES_URL" >"$RUN/elasticsearch.address"
  local security=(-E xpack.security.enabled=false)
  if [[ $SECURE == true ]]; then
    es_secure_setup "$java_home"
    # TLS stays off: the node listens on loopback only.
    security=(-E xpack.security.enabled=true -E xpack.security.http.ssl.enabled=false
      -E xpack.security.transport.ssl.enabled=false)
    touch "$RUN/elasticsearch.secure"
  fi
  # At a lower CPU priority: on one shared machine, indexing yields to the broker and the engine, so the alerts do not
  # wait while the node merges segments; the index job catches up (docs/benchmarks.md, docs/operations.md).
  as_es_user nice -n "$ES_NICENESS" env ES_JAVA_HOME="$java_home" ES_JAVA_OPTS="-Xms512m -Xmx512m" \
    "$ES_HOME/bin/elasticsearch" -d -p "$RUN/elasticsearch.pid" \
    -E discovery.type=single-node "${security[@]}" -E network.host="$host" \
    -E http.port="$port" -E transport.port=$((port + 100)) \
    -E path.data="$ES_DATA" -E path.logs="$LOGS/elasticsearch" -E cluster.name=laborwatch \
    >"$LOGS/elasticsearch-start.log" 2>&1 \
    || fail "Elasticsearch did not start; see $LOGS/elasticsearch-start.log and $LOGS/elasticsearch/"
  for _ in $(seq 1 120); do
    if es_curl -fs "$ES_URL/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; then
      say "Elasticsearch $ES_VERSION up at $ES_URL"
      if [[ -f $RUN/elasticsearch.secure ]]; then
        say "security on: user elastic, password in $ES_PASSWORD_FILE; clients take LW_ES_USERNAME=elastic LW_ES_PASSWORD_FILE=$ES_PASSWORD_FILE"
      fi
      return
    fi
    sleep 1
  done
  fail "Elasticsearch was not healthy at $ES_URL within 120 s; see $LOGS/elasticsearch/laborwatch.log"
}

es_templates() {
  local name
  for file in "$HERE"/stack/elasticsearch/*.json; do
    name=$(basename "$file" .json)
    es_curl -fsS -X PUT "$ES_URL/_index_template/$name" -H 'Content-Type: application/json' --data-binary "@$file" \
      >>"$LOGS/templates.log" 2>&1 || fail "could not put index template $name; see $LOGS/templates.log"
  done
  say "index templates: $(cd "$HERE/stack/elasticsearch" && ls -- *.json | sed 's/\.json$//' | paste -sd' ')"
  # Indices made before a template gained a field keep their old mapping: add the fields later releases write
  # (mappings only grow, so this is safe to repeat). The service writes acknowledgements onto alerts since 2026-11-30.
  if es_curl -fs "$ES_URL/lw-alerts" >/dev/null 2>&1; then
    es_curl -fsS -X PUT "$ES_URL/lw-alerts/_mapping" -H 'Content-Type: application/json' --data-binary \
      '{"properties":{"acknowledgements":{"properties":{"agency":{"type":"keyword"},"by":{"type":"keyword"},"at":{"type":"date"}}}}}' \
      >>"$LOGS/templates.log" 2>&1 || fail "could not add the acknowledgements to lw-alerts; see $LOGS/templates.log"
  fi
}

# --- commands -------------------------------------------------------------------------------------------------------

stop_pid() {
  local name=$1 file=$2
  if ! alive "$file"; then
    rm -f "$file"
    return
  fi
  local pid
  pid=$(cat "$file")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$file"; say "$name stopped"; return; }
    sleep 0.5
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$file"
  say "$name did not stop within 30 s and was killed"
}

# Before starting anything: a taken port fails the whole `up`, not half of it.
check_ports() {
  local kh kp eh ep
  kh=$(host_of "$KAFKA_BOOTSTRAP"); kp=$(port_of "$KAFKA_BOOTSTRAP")
  eh=$(host_of "$ES_URL"); ep=$(port_of "$ES_URL")
  if ! alive "$RUN/kafka.pid"; then
    for p in "$kp" $((kp + 1)); do
      port_open "$kh" "$p" && fail "port $kh:$p is taken by another process; free it or set LW_KAFKA_BOOTSTRAP"
    done
  fi
  if ! alive "$RUN/elasticsearch.pid"; then
    port_open "$eh" "$ep" && fail "port $eh:$ep is taken by another process; free it or set LW_ES_URL"
  fi
  return 0
}

cmd_up() {
  parse_flags "$@"
  if $RESET; then
    cmd_down
    say "--reset: removing the stack's data in $STACK_HOME/data"
    rm -rf "$STACK_HOME/data"
  fi
  check_ports
  kafka_up
  es_up
  kafka_topics
  es_templates
  say "ready: Kafka $KAFKA_BOOTSTRAP, Elasticsearch $ES_URL; logs in $LOGS"
}

cmd_down() {
  stop_pid Elasticsearch "$RUN/elasticsearch.pid"
  stop_pid Kafka "$RUN/kafka.pid"
}

cmd_status() {
  if alive "$RUN/kafka.pid"; then
    say "Kafka $KAFKA_VERSION: up at $KAFKA_BOOTSTRAP (pid $(cat "$RUN/kafka.pid"))"
  else
    say "Kafka $KAFKA_VERSION: down"
  fi
  if alive "$RUN/elasticsearch.pid"; then
    local health
    health=$(es_curl -fs "$ES_URL/_cluster/health" 2>/dev/null | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p')
    say "Elasticsearch $ES_VERSION: up at $ES_URL (pid $(cat "$RUN/elasticsearch.pid"), health ${health:-unknown})"
  else
    say "Elasticsearch $ES_VERSION: down"
  fi
  say "data in $STACK_HOME/data, logs in $LOGS"
}

cmd_logs() {
  for f in "$LOGS/kafka.log" "$LOGS/elasticsearch/laborwatch.log"; do
    [[ -f $f ]] || continue
    printf '==> %s <==\n' "$f"
    tail -n 20 "$f"
  done
}

case ${1:-} in
  up) shift; cmd_up "$@" ;;
  down) cmd_down ;;
  status) cmd_status ;;
  logs) cmd_logs ;;
  *) fail "usage: ./laborwatch stack up [--reset] [--secure] [--partitions N] [--kafka HOST:PORT] [--es URL] | down | status | logs" ;;
esac
