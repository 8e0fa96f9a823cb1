package org.laborwatch.api.letter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STHint;

/**
 * A letter as a Word document (DOCX, which WPS opens too), laid out after GB/T 9704-2012: A4 with the standard
 * margins, the title centred and bold in 宋体 at 二号 (22 pt), the body in 仿宋 at 三号 (16 pt) on a fixed 29 pt
 * line pitch (22 lines a page), paragraphs indented two characters, the issuer and date at the right, four
 * characters in. The fonts are named, not embedded: Word and WPS on Chinese systems have both. (The standard's
 * title face, 方正小标宋简体, is often missing, so 宋体 stands in.)
 */
final class LetterDocx {
    private static final String TITLE_FONT = "宋体";
    private static final String BODY_FONT = "仿宋";
    private static final String LATIN_FONT = "Times New Roman";
    private static final int TITLE_PT = 22;
    private static final int BODY_PT = 16;
    private static final double LINE_PT = 29;
    /** Twentieths of a point. */
    private static final int TWIPS_PER_PT = 20;
    private static final int CHAR_TWIPS = BODY_PT * TWIPS_PER_PT;

    private LetterDocx() {
    }

    static byte[] write(LetterText text) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            a4(doc);
            doc.getProperties().getCoreProperties().setTitle(text.title());
            doc.getProperties().getCoreProperties().setCreator(text.signature());
            title(doc, text.title());
            if (!text.number().isEmpty()) {
                line(doc, text.number(), ParagraphAlignment.CENTER);
            }
            line(doc, "", ParagraphAlignment.LEFT);
            line(doc, text.salutation(), ParagraphAlignment.LEFT);
            text.paragraphs().forEach(p -> body(doc, p));
            line(doc, "", ParagraphAlignment.LEFT);
            closing(doc, text.signature());
            closing(doc, text.date());
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the letter as DOCX", e);
        }
    }

    /** A4 portrait; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (a type area of 156 × 225 mm). */
    private static void a4(XWPFDocument doc) {
        CTSectPr section = doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr()
                : doc.getDocument().getBody().addNewSectPr();
        CTPageSz size = section.isSetPgSz() ? section.getPgSz() : section.addNewPgSz();
        size.setW(BigInteger.valueOf(mm(210)));
        size.setH(BigInteger.valueOf(mm(297)));
        CTPageMar margins = section.isSetPgMar() ? section.getPgMar() : section.addNewPgMar();
        margins.setTop(BigInteger.valueOf(mm(37)));
        margins.setBottom(BigInteger.valueOf(mm(35)));
        margins.setLeft(BigInteger.valueOf(mm(28)));
        margins.setRight(BigInteger.valueOf(mm(26)));
        margins.setHeader(BigInteger.valueOf(mm(15)));
        margins.setFooter(BigInteger.valueOf(mm(28)));
        margins.setGutter(BigInteger.ZERO);
    }

    private static void title(XWPFDocument doc, String title) {
        XWPFParagraph p = paragraph(doc, ParagraphAlignment.CENTER);
        p.setSpacingBetween(LINE_PT * 1.5, LineSpacingRule.EXACT);
        run(p, title, TITLE_FONT, TITLE_PT, true);
    }

    private static void line(XWPFDocument doc, String text, ParagraphAlignment alignment) {
        run(paragraph(doc, alignment), text, BODY_FONT, BODY_PT, false);
    }

    private static void body(XWPFDocument doc, String text) {
        XWPFParagraph p = paragraph(doc, ParagraphAlignment.BOTH);
        p.setIndentationFirstLine(2 * CHAR_TWIPS);
        // In characters as well, so the indent stays two characters if the user changes the font size.
        p.getCTP().getPPr().getInd().setFirstLineChars(BigInteger.valueOf(200));
        run(p, text, BODY_FONT, BODY_PT, false);
    }

    /** GB/T 9704 puts the date four characters in from the right margin. */
    private static void closing(XWPFDocument doc, String text) {
        XWPFParagraph p = paragraph(doc, ParagraphAlignment.RIGHT);
        p.setIndentationRight(4 * CHAR_TWIPS);
        run(p, text, BODY_FONT, BODY_PT, false);
    }

    private static XWPFParagraph paragraph(XWPFDocument doc, ParagraphAlignment alignment) {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(alignment);
        p.setSpacingBetween(LINE_PT, LineSpacingRule.EXACT);
        p.setSpacingBefore(0);
        p.setSpacingAfter(0);
        return p;
    }

    /**
     * Chinese text in the east-Asian font; figures and Latin letters (credit codes, amounts) in a Latin one. The
     * properties are set in the order the schema lists them (fonts, bold, size, language): POI writes them in the
     * order they are set, and Word is stricter about order than POI.
     */
    private static XWPFRun run(XWPFParagraph p, String text, String eastAsianFont, int pt, boolean bold) {
        XWPFRun run = p.createRun();
        run.setFontFamily(LATIN_FONT, XWPFRun.FontCharRange.ascii);
        run.setFontFamily(LATIN_FONT, XWPFRun.FontCharRange.hAnsi);
        run.setFontFamily(eastAsianFont, XWPFRun.FontCharRange.eastAsia);
        CTRPr properties = run.getCTR().getRPr();
        // Quotation marks and dashes are shared with Latin text: the hint keeps them in the Chinese font.
        properties.getRFontsArray(0).setHint(STHint.EAST_ASIA);
        if (bold) {
            run.setBold(true);
        }
        run.setFontSize(pt);
        properties.addNewLang().setEastAsia("zh-CN");
        run.setText(text);
        return run;
    }

    /** Millimetres to twips. */
    private static int mm(double millimetres) {
        return (int) Math.round(millimetres / 25.4 * 72 * TWIPS_PER_PT);
    }
}
