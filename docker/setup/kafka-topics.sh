#!/bin/bash
# Creates the laborwatch topics (the same as stack/stack.sh creates locally). Idempotent.
set -euo pipefail
BOOTSTRAP=${KAFKA_BOOTSTRAP:-kafka:9092}
PARTITIONS=${PARTITIONS:-8}
topics=/opt/kafka/bin/kafka-topics.sh
create() {
  "$topics" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$1" --partitions "$2" \
    --replication-factor 1 "${@:3}"
}
create lw.signals "$PARTITIONS"
create lw.alerts "$PARTITIONS"
create lw.risk "$PARTITIONS" --config cleanup.policy=compact
create lw.signals.dlq 1
create lw.rules 1 --config cleanup.policy=compact
create lw.rules.events 1
create lw.cases.events "$PARTITIONS"
echo "laborwatch topics ready on $BOOTSTRAP"
