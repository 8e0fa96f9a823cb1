package org.laborwatch.api.letter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a template sees: the facts as the text they print as, under the names docs/operations.md lists. Built as
 * maps of strings rather than handing the records to the template, so the names a city's template may use are
 * exactly these, whatever the records grow, and every amount and date is already written the official way.
 */
final class LetterScope {

    private LetterScope() {
    }

    static Map<String, Object> of(LetterKind kind, LetterFacts facts) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("kind", Map.of("title", kind.title()));
        scope.put("caseId", facts.caseId());
        scope.put("enterprise", enterprise(facts.enterprise()));
        scope.put("arrears", arrears(facts.arrears()));
        scope.put("amount", amount(facts.arrears()));
        scope.put("otherFacts", facts.otherFacts());
        scope.put("hasEarlier", !facts.earlier().isEmpty());
        scope.put("earlier", facts.earlier().stream().map(e -> earlier(e, facts.issuer())).toList());
        scope.put("earlierSent", earlierSent(facts.earlier(), facts.issuer()));
        scope.put("issuer", Map.of("name", facts.issuer().name()));
        scope.put("number", number(facts.number(), facts.issuer()));
        scope.put("addressee", facts.addresseeFor(kind));
        scope.put("date", ChineseDate.inFigures(facts.issued()));
        scope.put("dateInNumerals", ChineseDate.inNumerals(facts.issued()));
        scope.put("deadline", ChineseDate.inFigures(facts.deadline()));
        scope.put("responseDays", facts.responseDays());
        return scope;
    }

    private static Map<String, Object> enterprise(LetterFacts.Enterprise e) {
        return Map.of("name", e.name(), "creditCode", e.creditCode(), "district", e.district(),
                "industry", e.industry());
    }

    private static Map<String, Object> arrears(LetterFacts.Arrears a) {
        return Map.of("months", a.monthsOverdue(), "workers", a.workers(), "complaints", a.complaints(),
                "from", ChineseDate.inFigures(a.from()), "to", ChineseDate.inFigures(a.to()));
    }

    private static Map<String, Object> amount(LetterFacts.Arrears a) {
        return Map.of("figures", Renminbi.inFigures(a.amountOwed()), "capitals", Renminbi.inCapitals(a.amountOwed()),
                "written", Renminbi.written(a.amountOwed()));
    }

    private static Map<String, Object> number(LetterNumber n, LetterFacts.Issuer issuer) {
        return Map.of("official", n.official(issuer.numberPrefix()), "year", n.year(), "sequence", n.sequence());
    }

    private static Map<String, Object> earlier(LetterFacts.Earlier e, LetterFacts.Issuer issuer) {
        return Map.of("title", e.kind().title(), "number", e.number().official(issuer.numberPrefix()),
                "date", ChineseDate.inFigures(e.issued()));
    }

    /** {@code 于2026年10月8日发出《提示函》（青工函〔2026〕3号）、于…}: the earlier letters as one phrase. */
    private static String earlierSent(List<LetterFacts.Earlier> earlier, LetterFacts.Issuer issuer) {
        return earlier.stream().map(e -> "于" + ChineseDate.inFigures(e.issued()) + "发出《" + e.kind().title() + "》（"
                + e.number().official(issuer.numberPrefix()) + "）").collect(Collectors.joining("、"));
    }
}
