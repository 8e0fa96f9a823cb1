package org.laborwatch.api.letter;

/**
 * No font to set a PDF letter in: none configured and none of the usual ones installed, or the configured one
 * missing or unusable. The DOCX needs none (Word and WPS bring their own), so the caller can still offer that.
 * {@link #getMessage()} says what was wrong and how to fix it; {@link #remedy()} the fix alone, for a problem
 * response.
 */
public final class NoCjkFont extends RuntimeException {
    static final String REMEDY = "install a Chinese TrueType font on the server (Debian/Ubuntu: apt-get install "
            + "fonts-wqy-microhei, or fonts-arphic-uming for a 宋体-like face) or set LW_CJK_FONT "
            + "(laborwatch.letters.cjk-font) to a .ttf or .ttc file with Chinese glyphs (fonts-noto-cjk will not do: "
            + "its CFF outlines cannot be embedded)";

    private final String reason;

    NoCjkFont(String reason) {
        super(reason + ": " + REMEDY);
        this.reason = reason;
    }

    /** What is wrong, e.g. that the configured file does not exist. */
    public String reason() {
        return reason;
    }

    /** How to fix it. */
    public String remedy() {
        return REMEDY;
    }
}
