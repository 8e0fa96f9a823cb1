package org.laborwatch.engine.generate;

/**
 * How the planted disputes of a generated city build up. A rule set tuned on one shape should be tried on another
 * before a city trusts it: real enterprises do not all decline the way the generator's default does.
 */
public enum TroubleShape {
    /**
     * The generator's own story: social-insurance and utility arrears, then payroll delays, complaints and
     * consultations, wage arrears in the last weeks, then the eruption.
     */
    USUAL,
    /**
     * A slow decline that says little in the channels the library weighs most: months of social-insurance arrears,
     * payroll delays that come back, workers asking the union and legal aid what they can do, and no wage arrears or
     * complaints until the dispute erupts.
     */
    SLOW_DECLINE
}
