package org.laborwatch.rules.fact;

/** Who reported a signal. The first five are the linked agencies themselves. */
public enum SignalSource {
    UNION, HRSS, COURT, PROCURATORATE, JUSTICE, HOTLINE_12345, UTILITY, TAX, BANK, SOCIAL_INSURANCE
}
