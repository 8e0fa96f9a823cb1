package org.laborwatch.rules.ruleset;

/**
 * How a signal meets the rules. All give the same findings; they differ in cost per evaluation (see
 * docs/benchmarks.md for the figures that chose the default).
 */
public enum SessionMode {
    /** One KieSession kept for the evaluator's life; facts inserted, fired and deleted per evaluation. */
    LONG_LIVED,
    /** A StatelessKieSession: a fresh working memory per evaluation, managed by Drools. */
    STATELESS,
    /** A new KieSession per evaluation, disposed afterwards: the simplest, and the classic slow path. */
    NEW_SESSION
}
