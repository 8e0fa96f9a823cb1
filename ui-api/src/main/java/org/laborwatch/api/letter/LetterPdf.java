package org.laborwatch.api.letter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * A letter as a PDF, laid out as {@link LetterDocx} lays out the Word file (GB/T 9704-2012: A4, its margins, the
 * title at 22 pt, the body at 16 pt on a 29 pt line pitch, paragraphs indented two characters, the issuer and date
 * four characters in from the right), in one Chinese font embedded as a subset. The title is drawn with its
 * outline stroked as well, as a bold face of the same font is rarely installed.
 */
final class LetterPdf {
    private static final float MM = 72 / 25.4f;
    private static final PDRectangle PAGE = PDRectangle.A4;
    private static final float TOP = 37 * MM;
    private static final float BOTTOM = 35 * MM;
    private static final float LEFT = 28 * MM;
    private static final float RIGHT = 26 * MM;
    private static final float WIDTH = PAGE.getWidth() - LEFT - RIGHT;
    private static final float TITLE_PT = 22;
    private static final float BODY_PT = 16;
    private static final float LINE = 29;

    private LetterPdf() {
    }

    /**
     * @throws IllegalArgumentException if the font has no glyph for a character of the text
     */
    static byte[] write(LetterText text, CjkFont font) {
        try (PDDocument doc = new PDDocument(); CjkFont.Opened face = font.open(doc)) {
            requireGlyphs(text, face, font);
            doc.getDocumentInformation().setTitle(text.title());
            doc.getDocumentInformation().setAuthor(text.signature());
            doc.getDocumentInformation().setCreator("laborwatch");
            doc.getDocumentCatalog().setLanguage("zh-CN");
            try (Cursor cursor = new Cursor(doc, face.font())) {
                lay(text, cursor);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the letter as PDF", e);
        }
    }

    private static void lay(LetterText text, Cursor cursor) throws IOException {
        for (String line : cursor.wrap(text.title(), TITLE_PT, WIDTH, WIDTH)) {
            cursor.centred(line, TITLE_PT, true, LINE * 1.5f);
        }
        if (!text.number().isEmpty()) {
            cursor.centred(text.number(), BODY_PT, false, LINE);
        }
        cursor.skip(LINE);
        for (String line : cursor.wrap(text.salutation(), BODY_PT, WIDTH, WIDTH)) {
            cursor.left(line, 0, false);
        }
        for (String paragraph : text.paragraphs()) {
            float indent = 2 * BODY_PT;
            List<String> lines = cursor.wrap(paragraph, BODY_PT, WIDTH - indent, WIDTH);
            for (int i = 0; i < lines.size(); i++) {
                cursor.left(lines.get(i), i == 0 ? indent : 0, i < lines.size() - 1);
            }
        }
        cursor.skip(LINE);
        cursor.right(text.signature(), 4 * BODY_PT);
        cursor.right(text.date(), 4 * BODY_PT);
    }

    /** A missing glyph would otherwise stop PDFBox halfway with a less helpful message. */
    private static void requireGlyphs(LetterText text, CjkFont.Opened face, CjkFont font) throws IOException {
        String all = text.plain().replace("\n", "");
        for (int cp : all.codePoints().toArray()) {
            if (!face.hasGlyph(cp)) {
                throw new IllegalArgumentException("the PDF font " + font.file() + " has no glyph for '"
                        + new String(Character.toChars(cp)) + "' (U+" + Integer.toHexString(cp).toUpperCase()
                        + "): change the text, or set LW_CJK_FONT to a font that has it");
            }
        }
    }

    /** Where the next line goes: pages are added as the text runs past the bottom margin. */
    private static final class Cursor implements AutoCloseable {
        private final PDDocument doc;
        private final PDType0Font font;
        private PDPageContentStream content;
        private float y;

        Cursor(PDDocument doc, PDType0Font font) {
            this.doc = doc;
            this.font = font;
        }

        List<String> wrap(String text, float pt, float first, float width) {
            return LineBreaker.wrap(text, first, width, s -> widthOf(s, pt));
        }

        void centred(String line, float pt, boolean bold, float pitch) throws IOException {
            advance(pitch);
            draw(line, LEFT + (WIDTH - widthOf(line, pt)) / 2, pt, bold, 0);
        }

        /** @param justify spread the characters to fill the line, as all but a paragraph's last line are set */
        void left(String line, float indent, boolean justify) throws IOException {
            advance(LINE);
            draw(line, LEFT + indent, BODY_PT, false, justify ? spacing(line, WIDTH - indent) : 0);
        }

        /**
         * The character spacing that fills the width; a line ending in punctuation hung into the margin
         * ({@link LineBreaker}) is filled up to that mark.
         */
        private float spacing(String line, float available) {
            int gaps = line.codePointCount(0, line.length()) - 1;
            if (gaps <= 0) {
                return 0;
            }
            float full = widthOf(line, BODY_PT);
            float filled = full <= available ? full
                    : widthOf(line.substring(0, line.offsetByCodePoints(line.length(), -1)), BODY_PT);
            return Math.max(0, (available - filled) / gaps);
        }

        void right(String line, float inset) throws IOException {
            advance(LINE);
            draw(line, LEFT + WIDTH - inset - widthOf(line, BODY_PT), BODY_PT, false, 0);
        }

        void skip(float pitch) throws IOException {
            advance(pitch);
        }

        private void draw(String line, float x, float pt, boolean bold, float spacing) throws IOException {
            content.beginText();
            content.setFont(font, pt);
            content.setCharacterSpacing(spacing);
            content.setRenderingMode(bold ? RenderingMode.FILL_STROKE : RenderingMode.FILL);
            if (bold) {
                content.setLineWidth(pt / 30);
            }
            content.newLineAtOffset(x, y);
            content.showText(line);
            content.endText();
        }

        /** Moves down a line, to a new page when the bottom margin is reached. */
        private void advance(float pitch) throws IOException {
            if (content == null || y - pitch < BOTTOM) {
                newPage();
            }
            y -= pitch;
        }

        private void newPage() throws IOException {
            close();
            PDPage page = new PDPage(PAGE);
            doc.addPage(page);
            content = new PDPageContentStream(doc, page);
            // The first line's baseline sits a line below the top margin, as in a word processor.
            y = PAGE.getHeight() - TOP + LINE - BODY_PT;
        }

        private float widthOf(String s, float pt) {
            try {
                return font.getStringWidth(s) / 1000 * pt;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (content != null) {
                content.close();
                content = null;
            }
        }
    }
}
