package org.laborwatch.engine.risk;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.laborwatch.rules.risk.RiskSnapshot;

/**
 * Passes on only the latest risk snapshot of each enterprise per interval (of processing time). An upserting store
 * keeps the latest snapshot anyway, so the ones in between are writes it would throw away: while the job catches up
 * on a backlog an enterprise changes many times a second, and those writes were what Elasticsearch spent most of its
 * time on. Live, an enterprise changes far less often than the interval and nearly every snapshot goes through; the
 * risk index is then at most one interval behind the alerts.
 *
 * <p>Needs no state: everything pending is emitted before each checkpoint barrier and at the end of the input, so a
 * restore replays what came after the checkpoint, as for every other output. Runs after the risk operator at its
 * parallelism, whose output is already partitioned by enterprise, so it chains without a shuffle.
 */
public class LatestRiskPerEnterprise extends AbstractStreamOperator<RiskSnapshot>
        implements OneInputStreamOperator<RiskSnapshot, RiskSnapshot>, BoundedOneInput, ProcessingTimeCallback {
    private static final long serialVersionUID = 1L;

    /** Emits early when this many enterprises are pending, so memory stays bounded whatever the interval. */
    static final int MAX_PENDING = 50_000;

    private final long intervalMillis;
    private transient Map<String, RiskSnapshot> pending;

    public LatestRiskPerEnterprise(Duration interval) {
        this.intervalMillis = interval.toMillis();
    }

    @Override
    public void open() throws Exception {
        super.open();
        pending = new HashMap<>();
        scheduleFlush();
    }

    @Override
    public void processElement(StreamRecord<RiskSnapshot> element) {
        // The newer event time wins, a tie goes to the later write: what the store's versioning (external_gte) keeps.
        pending.merge(element.getValue().enterpriseId(), element.getValue(),
                (held, arrived) -> arrived.asOf().isBefore(held.asOf()) ? held : arrived);
        if (pending.size() >= MAX_PENDING) {
            flush();
        }
    }

    @Override
    public void onProcessingTime(long time) {
        flush();
        scheduleFlush();
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flush();
    }

    @Override
    public void endInput() {
        flush();
    }

    private void scheduleFlush() {
        var time = getProcessingTimeService();
        time.registerTimer(time.getCurrentProcessingTime() + intervalMillis, this);
    }

    private void flush() {
        for (RiskSnapshot snapshot : pending.values()) {
            output.collect(new StreamRecord<>(snapshot));
        }
        pending.clear();
    }
}
