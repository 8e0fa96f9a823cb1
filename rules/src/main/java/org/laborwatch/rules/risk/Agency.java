package org.laborwatch.rules.risk;

/** The five linked agencies (五方联动). Each sees only the alerts routed to it. */
public enum Agency {
    UNION("总工会"),
    HRSS("人社局"),
    COURT("法院"),
    PROCURATORATE("检察院"),
    JUSTICE("司法局");

    private final String label;

    Agency(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
