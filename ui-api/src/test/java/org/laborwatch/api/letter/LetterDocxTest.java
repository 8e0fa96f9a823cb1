package org.laborwatch.api.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.junit.jupiter.api.Test;

class LetterDocxTest {
    private final Letters letters = LetterFixtures.letters();
    private final LetterText text = letters.draft(LetterKind.OPINION, LetterFixtures.opinion());

    @Test
    void shouldWriteAWordDocumentWithTheLettersText() throws IOException {
        try (XWPFDocument doc = open(letters.docx(text)); XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
            String all = extractor.getText();

            assertThat(all).contains("工会劳动法律监督意见书", "青工函〔2026〕5号", "青岛某某建筑有限公司：",
                    "91370213MA3C8XY25K", "1,280,000.00 元（人民币壹佰贰拾捌万元整）", "第八十五条", "青岛市总工会",
                    "2026年11月30日");
            text.paragraphs().forEach(p -> assertThat(all).contains(p));
        }
    }

    @Test
    void shouldSetTheTitleCentredAndBoldInAChineseFont() throws IOException {
        try (XWPFDocument doc = open(letters.docx(text))) {
            XWPFParagraph title = doc.getParagraphs().get(0);
            XWPFRun run = title.getRuns().get(0);

            assertThat(title.getText()).isEqualTo("工会劳动法律监督意见书");
            assertThat(title.getAlignment()).isEqualTo(ParagraphAlignment.CENTER);
            assertThat(run.isBold()).isTrue();
            assertThat(run.getFontFamily(XWPFRun.FontCharRange.eastAsia)).isEqualTo("宋体");
            assertThat(run.getFontSizeAsDouble()).isEqualTo(22.0);
        }
    }

    @Test
    void shouldWriteRunPropertiesInTheOrderTheSchemaListsThem() throws IOException {
        try (XWPFDocument doc = open(letters.docx(text))) {
            String properties = doc.getParagraphs().get(0).getRuns().get(0).getCTR().getRPr().xmlText();

            assertThat(properties).containsSubsequence("rFonts", "<w:b", "<w:sz", "<w:lang");
        }
    }

    @Test
    void shouldIndentTheParagraphsAndSetTheSignatureAtTheRight() throws IOException {
        try (XWPFDocument doc = open(letters.docx(text))) {
            List<XWPFParagraph> paragraphs = doc.getParagraphs();
            XWPFParagraph body = paragraph(paragraphs, text.paragraphs().get(0));
            XWPFParagraph signature = paragraph(paragraphs, "青岛市总工会");
            XWPFParagraph date = paragraph(paragraphs, "2026年11月30日");

            assertThat(body.getIndentationFirstLine()).isEqualTo(2 * 16 * 20);
            assertThat(body.getCTPPr().getInd().getFirstLineChars()).isEqualTo(BigInteger.valueOf(200));
            assertThat(body.getRuns().get(0).getFontFamily(XWPFRun.FontCharRange.eastAsia)).isEqualTo("仿宋");
            assertThat(List.of(signature.getAlignment(), date.getAlignment()))
                    .containsOnly(ParagraphAlignment.RIGHT);
        }
    }

    @Test
    void shouldLayTheLetterOutOnA4() throws IOException {
        try (XWPFDocument doc = open(letters.docx(text))) {
            var size = doc.getDocument().getBody().getSectPr().getPgSz();

            // 210 × 297 mm in twentieths of a point.
            assertThat(size.getW()).isEqualTo(BigInteger.valueOf(11906));
            assertThat(size.getH()).isEqualTo(BigInteger.valueOf(16838));
        }
    }

    private static XWPFDocument open(byte[] docx) throws IOException {
        assertThat(docx).startsWith('P', 'K');
        return new XWPFDocument(new ByteArrayInputStream(docx));
    }

    private static XWPFParagraph paragraph(List<XWPFParagraph> paragraphs, String text) {
        return paragraphs.stream().filter(p -> p.getText().equals(text)).findFirst().orElseThrow();
    }
}
