package org.laborwatch.api.letter;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The union's letters (一函两书): draft one from a case's facts with the city's template, let a user edit the
 * {@link LetterText}, then render it as DOCX or PDF. Which kind may be issued when is {@link LetterKind#mayIssue};
 * storing letters, numbering them and recording them on the case are the caller's.
 *
 * <p>Settings ({@code application.yml}; docs/operations.md, "Letters"): {@code laborwatch.letters.templates}
 * ({@code LW_LETTER_TEMPLATES}), the city's template directory; {@code laborwatch.letters.cjk-font}
 * ({@code LW_CJK_FONT}), the font for PDFs; {@code laborwatch.letters.issuer.name} and
 * {@code laborwatch.letters.issuer.number-prefix} ({@code LW_LETTER_ISSUER}, {@code LW_LETTER_NUMBER_PREFIX}), the
 * union that signs.
 */
@Singleton
public final class Letters {
    private final LetterTemplates templates;
    private final Optional<Path> cjkFont;
    private final LetterFacts.Issuer issuer;

    /**
     * @param templates the city's template directory, or null for the bundled templates only
     * @param cjkFont   the font file for PDFs, or null to look for an installed one
     * @throws IllegalArgumentException if the template directory is not a directory
     */
    public Letters(Path templates, Path cjkFont, LetterFacts.Issuer issuer) {
        this.templates = new LetterTemplates(Optional.ofNullable(templates));
        this.cjkFont = Optional.ofNullable(cjkFont);
        this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    @Inject
    Letters(@Value("${laborwatch.letters.templates:}") String templates,
            @Value("${laborwatch.letters.cjk-font:}") String cjkFont,
            @Value("${laborwatch.letters.issuer.name:青岛市总工会}") String issuerName,
            @Value("${laborwatch.letters.issuer.number-prefix:青工函}") String numberPrefix) {
        this(path(templates), path(cjkFont), new LetterFacts.Issuer(issuerName.strip(), numberPrefix.strip()));
    }

    /** The union configured to sign letters, for the caller to put into {@link LetterFacts}. */
    public LetterFacts.Issuer issuer() {
        return issuer;
    }

    /**
     * Fills the kind's template (the city's, else the bundled one) with the facts.
     *
     * @throws IllegalArgumentException if a letter to an authority has no addressee
     * @throws BadLetterTemplate        if the template cannot be compiled, names an unknown placeholder or does not
     *                                  yield a letter's blocks
     */
    public LetterText draft(LetterKind kind, LetterFacts facts) {
        return templates.fill(kind, LetterScope.of(kind, facts));
    }

    /** The letter as a Word document (A4, 宋体/仿宋 named, not embedded). */
    public byte[] docx(LetterText text) {
        return LetterDocx.write(text);
    }

    /**
     * The letter as a PDF with a Chinese font embedded.
     *
     * @throws NoCjkFont                if there is no usable Chinese font (configured or installed)
     * @throws IllegalArgumentException if the font lacks a character of the text
     */
    public byte[] pdf(LetterText text) {
        // Looked for at every call: a font installed while the service runs is used without a restart.
        return LetterPdf.write(text, CjkFont.locate(cjkFont));
    }

    private static Path path(String setting) {
        return setting == null || setting.isBlank() ? null : Path.of(setting.strip());
    }
}
