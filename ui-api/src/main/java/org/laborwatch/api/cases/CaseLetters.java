package org.laborwatch.api.cases;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.laborwatch.api.alert.AlertLookup;
import org.laborwatch.api.backend.CityTime;
import org.laborwatch.api.identity.Caller;
import org.laborwatch.api.letter.LetterFacts;
import org.laborwatch.api.letter.LetterKind;
import org.laborwatch.api.letter.LetterNumber;
import org.laborwatch.api.letter.LetterText;
import org.laborwatch.api.letter.Letters;
import org.laborwatch.api.problem.BadRequest;
import org.laborwatch.api.problem.Forbidden;
import org.laborwatch.api.problem.NotFound;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.SignalSummary;

/**
 * The union's 一函两书 in a case: a draft filled from the case's facts (which the issuer may edit), issuing it under
 * the next number of the year — each kind only after the one before it — and the issued letter as DOCX or PDF.
 */
@Singleton
class CaseLetters {
    private final CaseService cases;
    private final Letters letters;
    private final LetterNumbers numbers;
    private final AlertLookup alerts;
    private final Clock clock;
    private final ZoneId zone;

    CaseLetters(CaseService cases, Letters letters, LetterNumbers numbers, AlertLookup alerts, Clock clock,
                CityTime time) {
        this.cases = cases;
        this.letters = letters;
        this.numbers = numbers;
        this.alerts = alerts;
        this.clock = clock;
        this.zone = time.zone();
    }

    /** The letter as it would be issued now, for the issuer to read and edit. */
    LetterText draft(Caller caller, String id, Requests.LetterDraft request) throws IOException {
        StoredCase stored = cases.visible(caller, id);
        requireUnion(caller);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return fill(stored.value(), request.kind(), request.addressee(), request.responseDays(),
                numbers.peek(today.getYear()), today);
    }

    /** Issues a letter: numbered, recorded in the case (timeline and audit), and returned. */
    Letter issue(Caller caller, String id, String ifMatch, Requests.LetterDraft request) throws IOException {
        StoredCase read = cases.visible(caller, id);
        requireUnion(caller);
        requireOrder(read, request.kind());
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LetterNumber number = numbers.next(today.getYear());
        LetterText filled = fill(read.value(), request.kind(), request.addressee(), request.responseDays(), number,
                today);
        LetterText text = request.text() == null ? filled : edited(request.text(), filled);
        StoredCase saved = cases.change(caller, id, ifMatch, CaseAction.LETTER_ISSUED,
                request.kind().title() + " " + number, (now, at) -> {
                    requireOrder(now, request.kind());
                    Case.Builder b = now.value().edit();
                    b.letters.add(new Letter(number.toString(), request.kind(), text, at, caller.username()));
                    return b.log(TimelineEntry.of(at, caller.username(), caller.agency(), CaseAction.LETTER_ISSUED,
                            "发出" + request.kind().title() + " " + text.number() + ", 致" + text.addressee()))
                            .build(at);
                });
        return letter(saved, number.toString());
    }

    /** An issued letter of a case the caller sees. */
    Letter issued(Caller caller, String id, String number) throws IOException {
        return letter(cases.visible(caller, id), number);
    }

    byte[] docx(Letter letter) {
        return letters.docx(letter.text());
    }

    byte[] pdf(Letter letter) {
        return letters.pdf(letter.text());
    }

    private static Letter letter(StoredCase stored, String number) {
        return stored.value().letters().stream().filter(l -> l.number().equals(number)).findFirst()
                .orElseThrow(() -> new NotFound("no letter " + number + " in case " + stored.value().id()));
    }

    private static void requireUnion(Caller caller) {
        if (!caller.role().needsAgency() || caller.agency() != Agency.UNION) {
            throw new Forbidden("一函两书 are the union's: only its handlers and leads draft and issue them");
        }
    }

    private static void requireOrder(StoredCase stored, LetterKind kind) {
        List<LetterKind> issued = stored.value().letters().stream().map(Letter::kind).toList();
        if (!kind.mayIssue(issued)) {
            throw CaseConflict.notAllowedNow("a " + kind.title() + " follows the " + kind.previous().orElseThrow()
                    .title() + ", which this case has not had yet", stored);
        }
    }

    /** The issuer's edit of the draft, under the number actually taken (it may differ from the draft's). */
    private static LetterText edited(String text, LetterText filled) {
        LetterText parsed;
        try {
            parsed = LetterText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("text: " + e.getMessage());
        }
        return new LetterText(parsed.title(), filled.number(), parsed.addressee(), parsed.paragraphs(),
                parsed.signature(), parsed.date());
    }

    private LetterText fill(Case c, LetterKind kind, String addressee, Integer responseDays, LetterNumber number,
                            LocalDate today) throws IOException {
        List<LetterFacts.Earlier> earlier = c.letters().stream().map(l -> new LetterFacts.Earlier(l.kind(),
                LetterNumber.parse(l.number()), l.issuedAt().atZone(zone).toLocalDate())).toList();
        List<String> other = new ArrayList<>();
        if (c.description() != null && !c.description().isBlank()) {
            String d = c.description().strip();
            other.add(d.endsWith("。") ? d : d + "。");
        }
        try {
            LetterFacts facts = new LetterFacts(c.id(),
                    new LetterFacts.Enterprise(c.enterpriseName() == null ? c.enterpriseId() : c.enterpriseName(),
                            c.enterpriseId(), orUnknown(c.district()), orUnknown(c.industry())),
                    arrears(c, today), other, earlier, letters.issuer(), number, today,
                    addressee, responseDays == null ? defaultDays(kind) : responseDays);
            return letters.draft(kind, facts);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    /** What the case's evidence says of the arrears and complaints (each signal counted once). */
    private LetterFacts.Arrears arrears(Case c, LocalDate today) throws IOException {
        Set<String> seen = new HashSet<>();
        int months = 0;
        int workers = 0;
        int complaints = 0;
        BigDecimal owed = BigDecimal.ZERO;
        LocalDate from = null;
        for (Alert alert : alerts.byIds(c.alertIds())) {
            for (SignalSummary s : alert.signals()) {
                if (!seen.add(s.id())) {
                    continue;
                }
                if (s.type() == SignalType.COMPLAINT) {
                    complaints++;
                }
                if (s.type() == SignalType.WAGE_ARREARS || s.type() == SignalType.PAYROLL_DELAY) {
                    months = Math.max(months, s.months() == null ? 0 : s.months());
                    workers = Math.max(workers, s.workers() == null ? 0 : s.workers());
                    owed = owed.add(s.amount() == null ? BigDecimal.ZERO : BigDecimal.valueOf(s.amount()));
                    LocalDate day = s.occurredAt().atZone(zone).toLocalDate();
                    from = from == null || day.isBefore(from) ? day : from;
                }
            }
        }
        LocalDate start = from != null ? from : c.openedAt().atZone(zone).toLocalDate();
        return new LetterFacts.Arrears(months, workers, owed.setScale(2, java.math.RoundingMode.HALF_UP),
                complaints, start.isAfter(today) ? today : start, today);
    }

    private static String orUnknown(String s) {
        return s == null || s.isBlank() ? "未登记" : s;
    }

    /** Days to answer: a week for the letters to the employer, a fortnight for the authority's. */
    private static int defaultDays(LetterKind kind) {
        return kind == LetterKind.SUGGESTION ? 15 : 7;
    }
}
