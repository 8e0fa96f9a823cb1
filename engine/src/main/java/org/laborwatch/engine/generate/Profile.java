package org.laborwatch.engine.generate;

/** What the generator planted in an enterprise; the ground truth the quality report scores against. */
public enum Profile {
    /** Ordinary background: consultations, the odd complaint or one-off arrears. */
    HEALTHY,
    /** Cash trouble that recovers: precursors and a wobble, no dispute. The false alarms a good engine avoids. */
    STRESSED,
    /** Trouble that builds into a labor dispute on its eruption date. */
    TROUBLED
}
