package org.laborwatch.api.letter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything that fills one letter: the enterprise, the arrears and complaints behind the case, the letters already
 * sent in it, and the issue itself (issuer, number, date, addressee, days given to answer). docs/operations.md lists
 * the placeholders each becomes in a template.
 *
 * @param caseId       the case the letter belongs to
 * @param otherFacts   further facts, each a whole sentence ending in 。, added to the paragraph of facts
 * @param earlier      letters already issued in this case, oldest first; the later kinds cite them
 * @param addressee    who the letter is to; blank for the employer's own name, which a letter to the employer
 *                     defaults to ({@link #addresseeFor})
 * @param responseDays days, from the issue date, the addressee has to answer
 */
public record LetterFacts(String caseId, Enterprise enterprise, Arrears arrears, List<String> otherFacts,
        List<Earlier> earlier, Issuer issuer, LetterNumber number, LocalDate issued, String addressee,
        int responseDays) {

    public LetterFacts {
        required(caseId, "caseId");
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(arrears, "arrears");
        otherFacts = otherFacts == null ? List.of() : List.copyOf(otherFacts);
        earlier = earlier == null ? List.of() : List.copyOf(earlier);
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(issued, "issued");
        addressee = addressee == null ? "" : addressee.strip();
        if (responseDays < 1) {
            throw new IllegalArgumentException("the addressee needs at least a day to answer: " + responseDays);
        }
    }

    /** The day the answer is due: the issue date plus {@link #responseDays}. */
    public LocalDate deadline() {
        return issued.plusDays(responseDays);
    }

    /**
     * The addressee of a letter of this kind: the one given, or else the enterprise's name for a letter to the
     * employer. A letter to an authority has no default: which authority acts differs by city and case.
     */
    public String addresseeFor(LetterKind kind) {
        if (!addressee.isEmpty()) {
            return addressee;
        }
        if (kind.recipient() == LetterKind.Recipient.EMPLOYER) {
            return enterprise.name();
        }
        throw new IllegalArgumentException("a " + kind.title() + " goes to an authority: name it as the addressee "
                + "(e.g. 青岛市李沧区人力资源和社会保障局)");
    }

    /**
     * @param creditCode the unified social credit code (统一社会信用代码): 18 digits and capitals, no I, O, S, V, Z
     */
    public record Enterprise(String name, String creditCode, String district, String industry) {
        private static final Pattern CREDIT_CODE = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{18}");

        public Enterprise {
            required(name, "enterprise name");
            required(district, "district");
            required(industry, "industry");
            if (creditCode == null || !CREDIT_CODE.matcher(creditCode).matches()) {
                throw new IllegalArgumentException("a unified social credit code is 18 digits and capitals: "
                        + creditCode);
            }
        }
    }

    /**
     * What the enterprise owes and what its workers have said, over the period the case covers.
     *
     * @param amountOwed yuan, at most two decimals
     * @param from       first day of the period in arrears
     * @param to         last day known of it (often the day the case was checked)
     */
    public record Arrears(int monthsOverdue, int workers, BigDecimal amountOwed, int complaints, LocalDate from,
            LocalDate to) {
        public Arrears {
            if (monthsOverdue < 0 || workers < 0 || complaints < 0) {
                throw new IllegalArgumentException("months, workers and complaints are counts: " + monthsOverdue
                        + ", " + workers + ", " + complaints);
            }
            Renminbi.writable(amountOwed);
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("the arrears end before they start: " + from + " to " + to);
            }
        }
    }

    /** A letter already issued in the case. */
    public record Earlier(LetterKind kind, LetterNumber number, LocalDate issued) {
        public Earlier {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(issued, "issued");
        }
    }

    /**
     * The union that signs the letters.
     *
     * @param name         e.g. 青岛市总工会
     * @param numberPrefix what stands before the year in its document numbers, e.g. 青工函 for 青工函〔2026〕3号
     */
    public record Issuer(String name, String numberPrefix) {
        public Issuer {
            required(name, "issuer name");
            required(numberPrefix, "number prefix");
        }
    }

    private static void required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no " + what);
        }
    }
}
