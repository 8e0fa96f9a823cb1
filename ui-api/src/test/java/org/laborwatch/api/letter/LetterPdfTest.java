package org.laborwatch.api.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LetterPdfTest {
    static final float MM = 72 / 25.4f;
    static final Path NOTO_SERIF_CJK = Path.of("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc");

    private final LetterText text = LetterFixtures.letters().draft(LetterKind.OPINION, LetterFixtures.opinion());

    @Test
    void shouldWriteAPdfWithTheLettersTextWrappedToThePage() throws IOException {
        Letters letters = lettersWithAnInstalledFont();

        try (PDDocument pdf = Loader.loadPDF(letters.pdf(text))) {
            String all = new PDFTextStripper().getText(pdf);
            // Lines are justified: where a long code went to the next line, the extractor reads the wide character
            // spacing left behind as spaces.
            String joined = all.replaceAll("\\s", "");

            assertThat(all).contains("工会劳动法律监督意见书", "青工函〔2026〕5号", "青岛某某建筑有限公司：",
                    "青岛市总工会", "2026年11月30日");
            text.paragraphs().forEach(p -> assertThat(joined).contains(p.replaceAll("\\s", "")));
            assertThat(pdf.getNumberOfPages()).as("the opinion runs onto a second page").isGreaterThanOrEqualTo(2);
            assertThat(pdf.getPage(0).getMediaBox()).extracting(PDRectangle::getWidth, PDRectangle::getHeight)
                    .containsExactly(PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
            // The type area ends 26 mm from the right edge; a closing mark may hang one character (16 pt) past it.
            assertThat(rightmostEdge(pdf)).isBetween(PDRectangle.A4.getWidth() - 26 * MM - 16,
                    PDRectangle.A4.getWidth() - 26 * MM + 16);
        }
    }

    @Test
    void shouldBreakEveryParagraphLongerThanALine() throws IOException {
        Letters letters = lettersWithAnInstalledFont();

        try (PDDocument pdf = Loader.loadPDF(letters.pdf(text))) {
            List<String> lines = new PDFTextStripper().getText(pdf).lines().toList();

            assertThat(lines).contains("特此提出意见。").hasSizeGreaterThan(text.paragraphs().size() + 20);
        }
    }

    @Test
    void shouldSayHowToGetAFontWhenTheConfiguredOneIsMissing(@TempDir Path dir) {
        Path missing = dir.resolve("simfang.ttf");
        Letters letters = new Letters(null, missing, LetterFixtures.QINGDAO);

        assertThatThrownBy(() -> letters.pdf(text)).isInstanceOf(NoCjkFont.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist")
                .hasMessageContaining("apt-get install fonts-wqy-microhei")
                .hasMessageContaining("LW_CJK_FONT");
    }

    @Test
    void shouldSayWhenNoFontIsInstalled(@TempDir Path emptyRoot) {
        assertThatThrownBy(() -> CjkFont.locate(Optional.empty(), List.of(emptyRoot)))
                .isInstanceOf(NoCjkFont.class)
                .hasMessageContaining("no Chinese font")
                .extracting(e -> ((NoCjkFont) e).remedy()).asString().contains("LW_CJK_FONT");
    }

    @Test
    void shouldRefuseAFileThatIsNoFont(@TempDir Path dir) throws IOException {
        Path notAFont = Files.writeString(dir.resolve("font.ttf"), "not a font");

        assertThatThrownBy(() -> CjkFont.locate(Optional.of(notAFont))).isInstanceOf(NoCjkFont.class)
                .hasMessageContaining("cannot be used");
    }

    @Test
    void shouldRefuseAFontWithoutChineseCharacters() {
        Path latin = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
        assumeTrue(Files.isRegularFile(latin), "DejaVu Sans (fonts-dejavu-core) is not installed");

        assertThatThrownBy(() -> CjkFont.locate(Optional.of(latin))).isInstanceOf(NoCjkFont.class)
                .hasMessageContaining("no Chinese characters");
    }

    @Test
    void shouldRefuseAFontWithCffOutlinesPdfBoxCannotEmbed() {
        assumeTrue(Files.isRegularFile(NOTO_SERIF_CJK), "Noto Serif CJK (fonts-noto-cjk) is not installed");

        assertThatThrownBy(() -> CjkFont.locate(Optional.of(NOTO_SERIF_CJK))).isInstanceOf(NoCjkFont.class)
                .hasMessageContaining("CFF");
    }

    @Test
    void shouldNameACharacterTheFontLacks() {
        Letters letters = lettersWithAnInstalledFont();
        LetterText withEmoji = new LetterText(text.title(), text.number(), text.addressee(),
                List.of("请支付工资🙂"), text.signature(), text.date());

        assertThatIllegalArgumentException().isThrownBy(() -> letters.pdf(withEmoji)).withMessageContaining("U+1F642");
    }

    /** How far right any character of the letter reaches, in points. */
    private static float rightmostEdge(PDDocument pdf) throws IOException {
        float[] right = {0};
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String string, List<TextPosition> positions) throws IOException {
                positions.forEach(p -> right[0] = Math.max(right[0], p.getXDirAdj() + p.getWidthDirAdj()));
                super.writeString(string, positions);
            }
        };
        stripper.getText(pdf);
        return right[0];
    }

    /** Skips the test, saying how to run it, where the machine has no usable Chinese font. */
    private static Letters lettersWithAnInstalledFont() {
        Optional<CjkFont> font;
        try {
            // ./laborwatch test names one (fetching it where none is installed) in LW_CJK_FONT.
            String named = System.getenv("LW_CJK_FONT");
            font = Optional.of(CjkFont.locate(named == null || named.isBlank() ? Optional.empty()
                    : Optional.of(Path.of(named))));
        } catch (NoCjkFont e) {
            font = Optional.empty();
        }
        assumeTrue(font.isPresent(), "no Chinese TrueType font installed, so no PDF is written here: "
                + "apt-get install fonts-wqy-microhei (or set LW_CJK_FONT) to run this test");
        return new Letters(null, font.get().file(), LetterFixtures.QINGDAO);
    }
}
