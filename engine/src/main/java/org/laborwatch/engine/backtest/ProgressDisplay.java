package org.laborwatch.engine.backtest;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.laborwatch.engine.embedded.EmbeddedRun;

/**
 * Shows a backtest's progress on stderr: signals read, then signals judged, of the input's lines. On a terminal a
 * progress bar redrawn in place; anywhere else (a log file, CI) a line per tenth, because a bar there writes a new line
 * each time it is drawn.
 */
public abstract sealed class ProgressDisplay implements EmbeddedRun.Progress, AutoCloseable {
    static final String READING = "读取 reading";
    static final String JUDGING = "研判 judging";

    final long total;

    private ProgressDisplay(long total) {
        this.total = Math.max(1, total);
    }

    /** A bar when the process has a terminal, lines otherwise. */
    public static ProgressDisplay open(String ruleSet, long total, PrintWriter err) {
        return System.console() != null ? new Bar(ruleSet, total) : new Lines(ruleSet, total, err);
    }

    /** Lines only, whatever the process is attached to (tests). */
    static ProgressDisplay lines(String ruleSet, long total, PrintWriter err) {
        return new Lines(ruleSet, total, err);
    }

    /** What is going on and how many of the lines are through it: reading first, then judging. */
    @Override
    public final void update(long read, long judged) {
        if (judged > 0) {
            show(JUDGING, Math.min(judged, total));
        } else {
            show(READING, Math.min(read, total));
        }
    }

    /** The run is over: every line is through, whatever the last poll saw. */
    public abstract void done();

    abstract void show(String phase, long count);

    @Override
    public abstract void close();

    private static final class Bar extends ProgressDisplay {
        private final ProgressBar bar;

        Bar(String ruleSet, long total) {
            super(total);
            // No speed and no ETA: both phases run over the same lines, so either would restart halfway.
            this.bar = new ProgressBarBuilder().setTaskName(ruleSet).setInitialMax(this.total)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).hideEta().build();
        }

        @Override
        void show(String phase, long count) {
            bar.setExtraMessage(phase);
            bar.stepTo(count);
        }

        @Override
        public void done() {
            show(JUDGING, total);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    private static final class Lines extends ProgressDisplay {
        private final String ruleSet;
        private final PrintWriter err;
        private String phase = "";
        private int tenths = -1;

        Lines(String ruleSet, long total, PrintWriter err) {
            super(total);
            this.ruleSet = ruleSet;
            this.err = err;
        }

        @Override
        synchronized void show(String now, long count) {
            int reached = (int) (count * 10 / total);
            if (now.equals(phase) && reached <= tenths) {
                return;
            }
            phase = now;
            tenths = reached;
            err.printf("%s  %s  %3d%%  %,d / %,d%n", ruleSet, phase, reached * 10, count, total);
            err.flush();
        }

        @Override
        public void done() {
            show(JUDGING, total);
        }

        @Override
        public void close() {
            err.flush();
        }
    }
}
