package org.laborwatch.engine.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.laborwatch.rules.Signals.E1;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.laborwatch.rules.Signals;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalType;

class WakeUpQueueTest {

    private record WakeUp(long time, String key) {
    }

    @Test
    void shouldWakeInTimeOrderLikeAPriorityQueue() {
        Random random = new Random(7);
        WakeUpQueue queue = new WakeUpQueue();
        PriorityQueue<WakeUp> expected = new PriorityQueue<>(Comparator.comparingLong(WakeUp::time));
        List<Long> woken = new ArrayList<>();
        List<Long> expectedWoken = new ArrayList<>();
        for (int round = 0; round < 2_000; round++) {
            for (int i = random.nextInt(20); i > 0; i--) {
                long time = random.nextInt(5_000); // many equal times
                String key = "E" + random.nextInt(300);
                queue.add(time, key);
                expected.add(new WakeUp(time, key));
            }
            long watermark = round * 3L;
            List<Long> thisRound = new ArrayList<>();
            while (!queue.isEmpty() && queue.firstTime() <= watermark) {
                thisRound.add(queue.firstTime());
                queue.removeFirst();
            }
            assertThat(thisRound).isSorted();
            woken.addAll(thisRound);
            while (!expected.isEmpty() && expected.peek().time() <= watermark) {
                expectedWoken.add(expected.poll().time());
            }
            assertThat(queue.size()).isEqualTo(expected.size());
        }
        assertThat(woken).isEqualTo(expectedWoken);
    }

    @Test
    void shouldKeepEachKeyWithItsTime() {
        WakeUpQueue queue = new WakeUpQueue();
        for (int i = 999; i >= 0; i--) {
            queue.add(i, "E" + i);
        }
        for (int i = 0; i < 1_000; i++) {
            assertThat(queue.firstKey()).isEqualTo("E" + i);
            assertThat(queue.firstTime()).isEqualTo(i);
            queue.removeFirst();
        }
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void shouldOrderEqualTimesByKeyThenTimerFirstThenSignalsByDedupeKey() {
        WakeUpQueue queue = new WakeUpQueue();
        Signal b = Signals.of(SignalType.COMPLAINT, E1, Signals.day(0));
        Signal a = new Signal("A-" + b.id(), b.type(), b.enterpriseId(), b.enterpriseName(), b.district(),
                b.industry(), b.source(), b.occurredAt(), b.amount(), b.workers(), b.months(), b.attributes());
        queue.add(5, "K2", null);
        queue.add(5, "K1", b);
        queue.add(5, "K1", a);
        queue.add(5, "K1", null);

        List<String> order = new ArrayList<>();
        while (!queue.isEmpty()) {
            order.add(queue.firstKey() + ":" + (queue.firstSignal() == null ? "timer" : queue.firstSignal().id()));
            queue.removeFirst();
        }

        assertThat(order).containsExactly("K1:timer", "K1:" + a.id(), "K1:" + b.id(), "K2:timer");
    }

    @Test
    void shouldOrderTwoCopiesOfOneSignalByContentWhicheverCameFirst() {
        Signal large = Signals.wageArrears(E1, 2, 5, 90_000, Signals.day(0));
        Signal small = new Signal(large.id(), large.type(), large.enterpriseId(), large.enterpriseName(),
                large.district(), large.industry(), large.source(), large.occurredAt(),
                java.math.BigDecimal.valueOf(10_000), large.workers(), large.months(), large.attributes());
        for (Signal[] arrival : new Signal[][] {{small, large}, {large, small}}) {
            WakeUpQueue queue = new WakeUpQueue();
            for (Signal s : arrival) {
                queue.add(5, "K1", s);
            }

            assertThat(queue.firstSignal()).isSameAs(small);
        }
    }

    @Test
    void shouldTellCopiesApartByAttributesThatPrintAlike() {
        Signal base = Signals.wageArrears(E1, 2, 5, 90_000, Signals.day(0));
        Signal oneValue = withAttributes(base, java.util.Map.of("a", "1, b=2"));
        Signal twoValues = withAttributes(base, java.util.Map.of("a", "1", "b", "2"));
        Signal shorter = withAttributes(base, java.util.Map.of("a", "1"));
        for (Signal[] arrival : new Signal[][] {{oneValue, twoValues, shorter}, {twoValues, shorter, oneValue},
                {shorter, oneValue, twoValues}}) {
            WakeUpQueue queue = new WakeUpQueue();
            for (Signal s : arrival) {
                queue.add(5, "K1", s);
            }
            java.util.List<Signal> order = new java.util.ArrayList<>();
            while (!queue.isEmpty()) {
                order.add(queue.firstSignal());
                queue.removeFirst();
            }

            // {a=1} is a prefix of both; a=1 then b=2 comes before a="1, b=2", whose text is the same.
            assertThat(order).containsExactly(shorter, twoValues, oneValue);
        }
    }

    private static Signal withAttributes(Signal s, java.util.Map<String, String> attributes) {
        return new Signal(s.id(), s.type(), s.enterpriseId(), s.enterpriseName(), s.district(), s.industry(),
                s.source(), s.occurredAt(), s.amount(), s.workers(), s.months(), attributes);
    }

    @Test
    void shouldKeepDuplicatesSoEachArmedWakeUpFires() {
        WakeUpQueue queue = new WakeUpQueue();
        queue.add(5, "E1");
        queue.add(5, "E1");

        assertThat(queue.size()).isEqualTo(2);
    }
}
