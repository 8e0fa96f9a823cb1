package org.laborwatch.engine.calibrate;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.Arrays;
import java.util.List;

/**
 * P(dispute within the horizon | decayed hits x) = σ(b + w·x), fitted by liblinear's L2-regularised logistic
 * regression ({@code L2R_LR}, a trust-region Newton method, deterministic).
 *
 * <p>The bias is not regularised ({@code regularizeBias = false}): the base rate of disputes is what anchors the
 * mapping to points, and shrinking it towards 0 (a 50% base rate) would move every rule's points.
 */
final class LogisticFit {
    /** Tight: the weights become points, and a loose stop moves them by more than rounding would. */
    private static final double STOP = 1e-6;

    /**
     * @param standardErrors per weight, from the curvature of the penalised likelihood at the fit (the usual Wald
     *                       approximation); how far a weight can be trusted to differ from 0
     */
    record Weights(double bias, double[] w, double[] standardErrors, double c) {
        double z(int rule) {
            return standardErrors[rule] > 0 ? w[rule] / standardErrors[rule] : 0;
        }

        double probability(double[] x, int[] rules) {
            double eta = bias;
            for (int j = 0; j < rules.length; j++) {
                eta += w[rules[j]] * x[j];
            }
            return 1 / (1 + Math.exp(-eta));
        }
    }

    private LogisticFit() {
    }

    /**
     * @param c liblinear's cost: how much the data weighs against the penalty ½|w|² (larger fits closer)
     * @throws IllegalArgumentException when the samples hold no dispute, or nothing but disputes
     */
    static Weights fit(List<Samples.Sample> samples, int rules, double c) {
        long positives = samples.stream().filter(Samples.Sample::positive).count();
        if (positives == 0 || positives == samples.size()) {
            throw new IllegalArgumentException(samples.size() + " samples, " + positives
                    + " of them followed by a dispute: a fit needs both");
        }
        Problem problem = new Problem();
        problem.l = samples.size();
        problem.n = rules + 1;
        problem.bias = 1;
        problem.x = new Feature[samples.size()][];
        problem.y = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            problem.x[i] = features(samples.get(i), rules);
            problem.y[i] = samples.get(i).positive() ? 1 : 0;
        }
        Parameter parameter = new Parameter(SolverType.L2R_LR, c, STOP);
        parameter.setRegularizeBias(false);
        Linear.disableDebugOutput();
        Model model = Linear.train(problem, parameter);
        double[] raw = model.getFeatureWeights();
        // liblinear's weights favour its first label, which is whichever class the first sample has.
        double sign = model.getLabels()[0] == 1 ? 1 : -1;
        double[] w = new double[rules];
        for (int r = 0; r < rules; r++) {
            w[r] = sign * raw[r];
        }
        double bias = sign * raw[rules];
        Weights fitted = new Weights(bias, w, new double[rules], c);
        return new Weights(bias, w, standardErrors(samples, fitted, rules, c), c);
    }

    /** liblinear's instance: features numbered from 1 in ascending order, then the bias feature. */
    private static Feature[] features(Samples.Sample s, int rules) {
        int[] order = new int[s.rules().length];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        Integer[] boxed = Arrays.stream(order).boxed().toArray(Integer[]::new);
        Arrays.sort(boxed, (a, b) -> Integer.compare(s.rules()[a], s.rules()[b]));
        Feature[] f = new Feature[order.length + 1];
        for (int j = 0; j < boxed.length; j++) {
            f[j] = new FeatureNode(s.rules()[boxed[j]] + 1, s.x()[boxed[j]]);
        }
        f[order.length] = new FeatureNode(rules + 1, 1.0);
        return f;
    }

    /**
     * The inverse of the penalised objective's Hessian, Σ p(1−p) x̃x̃ᵀ + I/C (bias unpenalised), read on its
     * diagonal. Rules × rules: small, whatever the number of samples.
     */
    static double[] standardErrors(List<Samples.Sample> samples, Weights w, int rules, double c) {
        int n = rules + 1;
        double[][] h = new double[n][n];
        for (Samples.Sample s : samples) {
            double p = w.probability(s.x(), s.rules());
            double v = p * (1 - p);
            int[] idx = s.rules();
            double[] x = s.x();
            for (int a = 0; a < idx.length; a++) {
                for (int b = 0; b < idx.length; b++) {
                    h[idx[a]][idx[b]] += v * x[a] * x[b];
                }
                h[idx[a]][rules] += v * x[a];
                h[rules][idx[a]] += v * x[a];
            }
            h[rules][rules] += v;
        }
        for (int r = 0; r < rules; r++) {
            h[r][r] += 1 / c;
        }
        double[][] inverse = invert(h);
        double[] se = new double[rules];
        for (int r = 0; r < rules; r++) {
            se[r] = Math.sqrt(Math.max(0, inverse[r][r]));
        }
        return se;
    }

    /** Gauss–Jordan with partial pivoting; the matrix is positive definite (the penalty sees to the rules). */
    private static double[][] invert(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            double d = a[col][col];
            if (Math.abs(d) < 1e-300) {
                continue;
            }
            for (int k = 0; k < 2 * n; k++) {
                a[col][k] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != col && a[r][col] != 0) {
                    double f = a[r][col];
                    for (int k = 0; k < 2 * n; k++) {
                        a[r][k] -= f * a[col][k];
                    }
                }
            }
        }
        double[][] inverse = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inverse[i], 0, n);
        }
        return inverse;
    }

    /** Mean negative log-likelihood of samples under the weights: how the folds compare regularisations. */
    static double logLoss(List<Samples.Sample> samples, Weights w) {
        double sum = 0;
        for (Samples.Sample s : samples) {
            double p = Math.min(1 - 1e-12, Math.max(1e-12, w.probability(s.x(), s.rules())));
            sum -= s.positive() ? Math.log(p) : Math.log(1 - p);
        }
        return samples.isEmpty() ? 0 : sum / samples.size();
    }
}
