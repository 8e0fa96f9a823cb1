package org.laborwatch.engine.risk;

import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.TimerHeapInternalTimer;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.util.function.BiConsumerWithException;
import org.laborwatch.engine.ruleset.RuleSetState;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.ruleset.RuleSet;

/**
 * Runs {@link EnterpriseRiskFunction} exactly as Flink's broadcast operator does, with one change: its event-time
 * timers live in a {@link WakeUpQueue} instead of Flink's timer service.
 *
 * <p>Why: every signal waits for the watermark under a timer, so a timer insert and poll per signal was a fifth of
 * the operator's time (docs/benchmarks.md); Flink's heap timers dedupe through a hash set and sift through objects
 * scattered over the heap. The function's timers need neither: it arms at most one per enterprise and purpose, and
 * ignores one it no longer expects.
 *
 * <p>The queue is not checkpointed: every timer the function wants is written down in its own keyed state
 * ({@link EnterpriseState#pendingTimer}, {@link EnterpriseState#ttlTimer}), so after a restore, and after rescaling,
 * {@link #open()} re-arms them from the state of the keys this subtask now owns.
 */
public class EnterpriseRiskOperator extends CoBroadcastWithKeyedOperator<String, Signal, RuleSet, Alert> {
    private static final long serialVersionUID = 1L;

    private transient WakeUpQueue wakeUps;
    private transient long watermark;

    public EnterpriseRiskOperator(EnterpriseRiskFunction function) {
        super(function, List.of(RuleSetState.DESCRIPTOR));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, N> InternalTimerService<N> getInternalTimerService(String name, TypeSerializer<N> namespaceSerializer,
                                                                  Triggerable<K, N> triggerable) {
        wakeUps = new WakeUpQueue();
        watermark = Long.MIN_VALUE;
        return (InternalTimerService<N>) new WakeUpTimerService();
    }

    @Override
    public void open() throws Exception {
        super.open();
        rearmFromState();
    }

    private void rearmFromState() throws Exception {
        getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                EnterpriseRiskFunction.STATE, (key, state) -> {
                    EnterpriseState enterprise = state.value();
                    if (enterprise.pendingTimer != Long.MIN_VALUE) {
                        wakeUps.add(enterprise.pendingTimer, (String) key);
                    }
                    if (enterprise.ttlTimer != Long.MIN_VALUE) {
                        wakeUps.add(enterprise.ttlTimer, (String) key);
                    }
                });
    }

    /** Wakes every enterprise whose time the watermark has reached, earliest first, then passes the watermark on. */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        while (!wakeUps.isEmpty() && wakeUps.firstTime() <= watermark) {
            long time = wakeUps.firstTime();
            String key = wakeUps.firstKey();
            wakeUps.removeFirst();
            setCurrentKey(key);
            onEventTime(new TimerHeapInternalTimer<>(time, key, VoidNamespace.INSTANCE));
        }
        super.processWatermark(mark);
    }

    /** How many wake-ups are queued, stale ones included; for tests. */
    int queuedWakeUps() {
        return wakeUps.size();
    }

    /** The timer service the function sees: event time only, never deleting, backed by the wake-up queue. */
    private final class WakeUpTimerService implements InternalTimerService<VoidNamespace> {

        @Override
        public long currentProcessingTime() {
            return getProcessingTimeService().getCurrentProcessingTime();
        }

        @Override
        public long currentWatermark() {
            return watermark;
        }

        @Override
        public void initializeWatermark(long restored) {
            watermark = restored;
        }

        @Override
        public void registerEventTimeTimer(VoidNamespace namespace, long time) {
            wakeUps.add(time, (String) getCurrentKey());
        }

        @Override
        public void deleteEventTimeTimer(VoidNamespace namespace, long time) {
            throw new UnsupportedOperationException("the risk operator never deletes a timer; a stale one is ignored");
        }

        @Override
        public void registerProcessingTimeTimer(VoidNamespace namespace, long time) {
            throw new UnsupportedOperationException("the risk operator works in event time only");
        }

        @Override
        public void deleteProcessingTimeTimer(VoidNamespace namespace, long time) {
            throw new UnsupportedOperationException("the risk operator works in event time only");
        }

        @Override
        public void forEachEventTimeTimer(BiConsumerWithException<VoidNamespace, Long, Exception> consumer)
                throws Exception {
            for (int i = 0; i < wakeUps.size(); i++) {
                setCurrentKey(wakeUps.keyAt(i));
                consumer.accept(VoidNamespace.INSTANCE, wakeUps.timeAt(i));
            }
        }

        @Override
        public void forEachProcessingTimeTimer(BiConsumerWithException<VoidNamespace, Long, Exception> consumer) {
            // none: see registerProcessingTimeTimer
        }
    }
}
