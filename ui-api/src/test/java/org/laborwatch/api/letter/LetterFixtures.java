package org.laborwatch.api.letter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** One case's facts, and the letters it has seen, as the tests use them. */
final class LetterFixtures {
    static final LocalDate ISSUED = LocalDate.of(2026, 11, 30);
    static final LetterFacts.Issuer QINGDAO = new LetterFacts.Issuer("青岛市总工会", "青工函");
    static final LetterFacts.Enterprise BUILDER = new LetterFacts.Enterprise("青岛某某建筑有限公司",
            "91370213MA3C8XY25K", "李沧区", "建筑业");
    static final LetterFacts.Arrears ARREARS = new LetterFacts.Arrears(4, 37, new BigDecimal("1280000.00"), 12,
            LocalDate.of(2026, 7, 1), LocalDate.of(2026, 11, 20));
    static final LetterFacts.Earlier REMINDED = new LetterFacts.Earlier(LetterKind.REMINDER,
            new LetterNumber(2026, 3), LocalDate.of(2026, 10, 8));
    static final LetterFacts.Earlier OPINED = new LetterFacts.Earlier(LetterKind.OPINION,
            new LetterNumber(2026, 5), LocalDate.of(2026, 10, 22));
    static final String HRSS = "青岛市李沧区人力资源和社会保障局";

    private LetterFixtures() {
    }

    static LetterFacts reminder() {
        return facts(List.of(), new LetterNumber(2026, 3), "");
    }

    static LetterFacts opinion() {
        return facts(List.of(REMINDED), new LetterNumber(2026, 5), "");
    }

    static LetterFacts suggestion() {
        return facts(List.of(REMINDED, OPINED), new LetterNumber(2026, 8), HRSS);
    }

    static LetterFacts facts(List<LetterFacts.Earlier> earlier, LetterNumber number, String addressee) {
        return new LetterFacts("case-0042", BUILDER, ARREARS,
                List.of("2026年11月18日，部分职工到区人社局集中反映欠薪问题。"), earlier, QINGDAO, number, ISSUED,
                addressee, 15);
    }

    static LetterFacts forKind(LetterKind kind) {
        return switch (kind) {
            case REMINDER -> reminder();
            case OPINION -> opinion();
            case SUGGESTION -> suggestion();
        };
    }

    /** The bundled templates only; fonts looked for on the machine. */
    static Letters letters() {
        return new Letters(null, null, QINGDAO);
    }
}
