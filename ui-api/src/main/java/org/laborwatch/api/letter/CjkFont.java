package org.laborwatch.api.letter;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.fontbox.ttf.OTFParser;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The font PDF letters are set in: the file configured ({@code laborwatch.letters.cjk-font}, {@code LW_CJK_FONT}),
 * or else the first of the usual Chinese fonts found on the machine. A configured file is used or refused, never
 * quietly replaced by another.
 *
 * <p>Only TrueType outlines will do: PDFBox embeds a subset of a TrueType font (also one from a .ttc collection),
 * but not a font with CFF outlines, which is what Noto CJK (fonts-noto-cjk) and Source Han ship. PDFBox 3.0.8
 * loads those and then fails while saving ("OTF fonts do not have a glyf table"), so they are refused here, up
 * front, with the reason.
 */
final class CjkFont {
    /** Where fonts are installed: Linux distributions, Windows. */
    static final List<Path> ROOTS = List.of(Path.of("/usr/share/fonts"), Path.of("/usr/local/share/fonts"),
            Path.of("C:/Windows/Fonts"));
    /**
     * File names of usable fonts, best first: 仿宋 (GB/T 9704's body face), then Song/Ming faces (宋体, 明体), then
     * the common sans faces, then Kai.
     */
    static final List<String> KNOWN = List.of("simfang.ttf", "simsun.ttc", "uming.ttc", "gbsn00lp.ttf",
            "wqy-zenhei.ttc", "wqy-microhei.ttc", "simhei.ttf", "msyh.ttc", "ukai.ttc", "gkai00mp.ttf",
            "simkai.ttf");
    /** In a collection, the simplified-Chinese face: NotoSerifCJKsc-Regular, ARPLUMingCN. */
    private static final Pattern SIMPLIFIED = Pattern.compile("(?i).*(sc|cn|gb)(-.*)?");
    private static final int ZHONG = '中';

    private final Path file;

    private CjkFont(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /**
     * The configured font, checked; or the first usable one of {@link #KNOWN} under {@link #ROOTS}.
     *
     * @throws NoCjkFont if the configured one is missing or unusable, or none is configured and none found
     */
    static CjkFont locate(Optional<Path> configured) {
        return locate(configured, ROOTS);
    }

    static CjkFont locate(Optional<Path> configured, List<Path> roots) {
        if (configured.isPresent()) {
            Path file = configured.get();
            if (!Files.isRegularFile(file)) {
                throw new NoCjkFont("the PDF font " + file + " (LW_CJK_FONT, laborwatch.letters.cjk-font) does not "
                        + "exist");
            }
            unusable(file).ifPresent(why -> {
                throw new NoCjkFont("the PDF font " + file + " (LW_CJK_FONT, laborwatch.letters.cjk-font) cannot "
                        + "be used: " + why);
            });
            return new CjkFont(file);
        }
        Map<String, Path> found = installed(roots);
        return KNOWN.stream().map(found::get).filter(f -> f != null && unusable(f).isEmpty()).findFirst()
                .map(CjkFont::new)
                .orElseThrow(() -> new NoCjkFont("no Chinese font for PDF letters: none configured, and none of "
                        + String.join(", ", KNOWN) + " under " + roots.stream().map(Path::toString).toList()));
    }

    /** Loads the font into the document, as a subset. Keep it open until the document is saved. */
    Opened open(PDDocument doc) throws IOException {
        Face face = face(file);
        try {
            return new Opened(PDType0Font.load(doc, face.font(), true), face);
        } catch (IOException | RuntimeException e) {
            face.close();
            throw e;
        }
    }

    /** A font loaded into a document, and the file it was read from, open until it is closed. */
    record Opened(PDType0Font font, Face face) implements Closeable {
        boolean hasGlyph(int codePoint) throws IOException {
            return face.font().getUnicodeCmapLookup().getGlyphId(codePoint) != 0;
        }

        @Override
        public void close() throws IOException {
            face.close();
        }
    }

    /** One face of a font file, and what must be closed once it is no longer read. */
    record Face(TrueTypeFont font, Closeable source) implements Closeable {
        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    /** Why a font file cannot set a letter, if it cannot. */
    static Optional<String> unusable(Path file) {
        try (Face face = face(file)) {
            TrueTypeFont font = face.font();
            if (font instanceof OpenTypeFont otf && otf.isPostScript()) {
                return Optional.of(font.getName() + " has CFF (PostScript) outlines, which PDFBox cannot embed; "
                        + "use a font with TrueType outlines");
            }
            if (font.getUnicodeCmapLookup().getGlyphId(ZHONG) == 0) {
                return Optional.of(font.getName() + " has no Chinese characters");
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("not a font PDFBox can read (" + e.getMessage() + ")");
        }
    }

    /** The face to use: the file's only one, or a collection's simplified-Chinese one (else its first). */
    private static Face face(Path file) throws IOException {
        String magic = magic(file);
        return "ttcf".equals(magic) ? collectionFace(file) : singleFace(file, "OTTO".equals(magic));
    }

    private static Face collectionFace(Path file) throws IOException {
        TrueTypeCollection collection = new TrueTypeCollection(file.toFile());
        try {
            List<String> names = new ArrayList<>();
            collection.processAllFonts(f -> names.add(f.getName()));
            String name = names.stream().filter(n -> SIMPLIFIED.matcher(n).matches()).findFirst()
                    .orElse(names.isEmpty() ? "" : names.get(0));
            TrueTypeFont font = collection.getFontByName(name);
            if (font == null) {
                throw new IOException("an empty font collection");
            }
            return new Face(font, collection);
        } catch (IOException | RuntimeException e) {
            collection.close();
            throw e;
        }
    }

    private static Face singleFace(Path file, boolean openType) throws IOException {
        RandomAccessReadBufferedFile data = new RandomAccessReadBufferedFile(file);
        try {
            TrueTypeFont font = openType ? new OTFParser().parse(data) : new TTFParser().parse(data);
            return new Face(font, () -> {
                try (data) {
                    font.close();
                }
            });
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    private static String magic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(4), StandardCharsets.ISO_8859_1);
        }
    }

    /** Known font files under the roots, by lower-case file name; the first found of a name wins. */
    private static Map<String, Path> installed(List<Path> roots) {
        Map<String, Path> found = new HashMap<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root, 5)) {
                files.filter(Files::isRegularFile).forEach(f -> {
                    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (KNOWN.contains(name)) {
                        found.putIfAbsent(name, f);
                    }
                });
            } catch (IOException | RuntimeException e) {
                // An unreadable corner of a font directory hides only the fonts in it.
            }
        }
        return found;
    }
}
