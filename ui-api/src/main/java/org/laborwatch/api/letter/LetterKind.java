package org.laborwatch.api.letter;

import java.util.Collection;
import java.util.Optional;

/**
 * The union's graduated supervision of a case, 一函两书: a reminder letter to the employer, then an opinion letter to
 * the employer, then a suggestion letter to the authority that can act (人社局, the district government). Each kind
 * may be issued only once the one before it has been: {@link #mayIssue}. The caller enforces it; the rule lives here.
 */
public enum LetterKind {
    REMINDER("提示函", Recipient.EMPLOYER, "reminder.mustache"),
    OPINION("意见书", Recipient.EMPLOYER, "opinion.mustache"),
    SUGGESTION("建议书", Recipient.AUTHORITY, "suggestion.mustache");

    /** Who a kind of letter goes to unless the caller names someone else. */
    public enum Recipient {
        /** The enterprise itself: the letter is addressed to its registered name. */
        EMPLOYER,
        /** An authority that can act on the enterprise; the caller names it (e.g. 青岛市李沧区人力资源和社会保障局). */
        AUTHORITY
    }

    private final String title;
    private final Recipient recipient;
    private final String template;

    LetterKind(String title, Recipient recipient, String template) {
        this.title = title;
        this.recipient = recipient;
        this.template = template;
    }

    /** The short Chinese name, 提示函, 意见书 or 建议书, as earlier letters are cited (《提示函》). */
    public String title() {
        return title;
    }

    public Recipient recipient() {
        return recipient;
    }

    /** The kind that must have been issued first; none for the reminder. */
    public Optional<LetterKind> previous() {
        return ordinal() == 0 ? Optional.empty() : Optional.of(values()[ordinal() - 1]);
    }

    /**
     * Whether this kind may be issued in a case that has already seen the given letters: the reminder always; the
     * others once the previous kind is among them. Issuing a kind again (a second reminder) is allowed.
     */
    public boolean mayIssue(Collection<LetterKind> issued) {
        return previous().map(issued::contains).orElse(true);
    }

    /** The template's file name, bundled under {@code letters/} and replaceable by a city. */
    String template() {
        return template;
    }
}
