package org.laborwatch.engine.risk;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.TimerHeapInternalTimer;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.util.function.BiConsumerWithException;
import org.laborwatch.engine.ingest.SignalTypeInfo;
import org.laborwatch.engine.ruleset.RuleSetState;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.ruleset.RuleSet;

/**
 * Runs {@link EnterpriseRiskFunction} as Flink's broadcast operator does, with its event-time waiting done here: the
 * signals waiting for the watermark and the enterprises' TTL checks live in two {@link WakeUpQueue}s instead of keyed
 * state and Flink's timer service. Two, because every enterprise has a TTL check a year ahead: in one heap those
 * sat under the few thousand waiting signals and made every signal's sift deeper and colder in the cache.
 *
 * <p>Why: every signal waits for the watermark. Held in keyed state under a Flink timer, each signal cost a timer
 * insert and poll (a hash-set dedupe and sifting through scattered timer objects: a fifth of the operator's time) and
 * a second read of its enterprise's state, cold in the cache by the time it was judged (docs/benchmarks.md).
 *
 * <p>Checkpoints: waiting signals are written into keyed state as a checkpoint is taken (not on every signal), so they
 * go wherever their keys go when the job is rescaled; TTL checks are not written, because each enterprise's state
 * records its own ({@link EnterpriseState#ttlTimer}). {@link #open()} re-queues both for the keys this subtask owns.
 */
public class EnterpriseRiskOperator extends CoBroadcastWithKeyedOperator<String, Signal, RuleSet, Alert> {
    /** The latest watermark of the signal input: event time never goes back, whatever an input sends. */
    private transient long signalsWatermark;
    private static final long serialVersionUID = 1L;

    static final ListStateDescriptor<Signal> WAITING = new ListStateDescriptor<>("waiting", SignalTypeInfo.INSTANCE);

    private final EnterpriseRiskFunction function;
    private transient WakeUpQueue waiting;
    private transient WakeUpQueue ttlChecks;
    private transient long watermark;
    /** Waiting signals as of the last checkpoint, per key; written only while a checkpoint is taken. */
    private transient ListState<Signal> waitingInCheckpoint;
    private transient Set<String> keysInCheckpoint;

    public EnterpriseRiskOperator(EnterpriseRiskFunction function) {
        super(function, List.of(RuleSetState.DESCRIPTOR));
        this.function = function;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, N> InternalTimerService<N> getInternalTimerService(String name, TypeSerializer<N> namespaceSerializer,
                                                                  Triggerable<K, N> triggerable) {
        waiting = new WakeUpQueue();
        ttlChecks = new WakeUpQueue();
        watermark = Long.MIN_VALUE;
        return (InternalTimerService<N>) new WakeUpTimerService();
    }

    @Override
    public void open() throws Exception {
        super.open();
        signalsWatermark = Long.MIN_VALUE;
        function.waitIn(this::hold);
        waitingInCheckpoint = getPartitionedState(WAITING);
        keysInCheckpoint = new HashSet<>();
        getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, WAITING,
                (key, state) -> {
                    for (Signal signal : state.get()) {
                        waiting.add(signal.occurredAtMillis(), (String) key, signal);
                    }
                    keysInCheckpoint.add((String) key);
                });
        getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                EnterpriseRiskFunction.STATE, (key, state) -> {
                    EnterpriseState enterprise = state.value();
                    if (enterprise.ttlTimer != Long.MIN_VALUE) {
                        ttlChecks.add(enterprise.ttlTimer, (String) key);
                    }
                });
    }

    private void hold(Signal signal) {
        waiting.add(signal.occurredAtMillis(), (String) getCurrentKey(), signal);
    }

    /**
     * The queue whose first wake-up comes first, or null when both are empty. The order is the one a single queue
     * would keep ({@link WakeUpQueue}): by time, then key, and a TTL check before a signal of the same key and time.
     */
    private static WakeUpQueue earlier(WakeUpQueue signals, WakeUpQueue checks) {
        if (signals.isEmpty() || checks.isEmpty()) {
            return signals.isEmpty() ? (checks.isEmpty() ? null : checks) : signals;
        }
        if (signals.firstTime() != checks.firstTime()) {
            return signals.firstTime() < checks.firstTime() ? signals : checks;
        }
        return checks.firstKey().compareTo(signals.firstKey()) <= 0 ? checks : signals;
    }

    /** Flink's combined watermark of both inputs: ignored, see {@link #processWatermark1}. */
    @Override
    public void processWatermark(Watermark mark) {
    }

    /** Wakes every enterprise whose time the watermark has reached, earliest first, then passes the watermark on. */
    private void advanceEventTime(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        WakeUpQueue next;
        while ((next = earlier(waiting, ttlChecks)) != null && next.firstTime() <= watermark) {
            long time = next.firstTime();
            String key = next.firstKey();
            function.dueNext(next.firstSignal());
            next.removeFirst();
            setCurrentKey(key);
            // Through Flink's own timer callback, so the function gets the operator's context and collector.
            onEventTime(new TimerHeapInternalTimer<>(time, key, VoidNamespace.INSTANCE));
        }
        super.processWatermark(mark);
    }

    /**
     * Event time comes from the signals alone. Flink would combine both inputs' watermarks, skipping an idle input:
     * with the rule-set stream always at the end of time, a signal input gone idle (every partition quiet for the
     * idleness timeout, say overnight) would jump event time to the end, forget every enterprise and make every later
     * signal late. So only the signal input's own watermarks move event time: {@link #processWatermark}, where Flink's
     * combination (fed by the rule-set input's watermarks and by idleness, {@code processWatermarkStatus*}, which are
     * final) arrives, does nothing, and an idle signal input simply holds event time where it is.
     */
    @Override
    public void processWatermark1(Watermark mark) throws Exception {
        if (mark.getTimestamp() > signalsWatermark) {
            signalsWatermark = mark.getTimestamp();
            advanceEventTime(mark);
        }
    }

    @Override
    public void processWatermark2(Watermark mark) {
    }


    /**
     * Writes the waiting signals into keyed state just before the backend snapshots it, and takes back what the last
     * checkpoint wrote: between checkpoints the signals wait only in the queue.
     */
    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        for (String key : keysInCheckpoint) {
            setCurrentKey(key);
            waitingInCheckpoint.clear();
        }
        keysInCheckpoint.clear();
        for (int i = 0; i < waiting.size(); i++) {
            setCurrentKey(waiting.keyAt(i));
            waitingInCheckpoint.add(waiting.signalAt(i));
            keysInCheckpoint.add(waiting.keyAt(i));
        }
    }

    /** How many wake-ups are queued, waiting signals and TTL checks, stale ones included; for tests. */
    int queuedWakeUps() {
        return waiting.size() + ttlChecks.size();
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
            ttlChecks.add(time, (String) getCurrentKey());
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
            for (WakeUpQueue queue : List.of(waiting, ttlChecks)) {
                for (int i = 0; i < queue.size(); i++) {
                    setCurrentKey(queue.keyAt(i));
                    consumer.accept(VoidNamespace.INSTANCE, queue.timeAt(i));
                }
            }
        }

        @Override
        public void forEachProcessingTimeTimer(BiConsumerWithException<VoidNamespace, Long, Exception> consumer) {
            // none: see registerProcessingTimeTimer
        }
    }
}
