package org.laborwatch.api.letter;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Sums of money as official letters write them: in figures and in Chinese capitals (大写), e.g.
 * {@code 1,280,000.00 元（人民币壹佰贰拾捌万元整）}.
 *
 * <p>The capitals follow the People's Bank of China's rules for amounts on bills (正确填写票据和结算凭证的基本规定):
 * 壹拾 is written out even at the start (壹拾万, not 拾万); zeros between digits read as one 零, also across 万 and
 * 亿 (壹拾万零贰佰, 壹拾亿零壹万); 整 follows 元 when there are no 角 or 分; 元 is followed by 零 when 角 is
 * nought and 分 is not (贰拾元零伍分); below one yuan only 角 and 分 are written (伍分). Where the rules allow a
 * 零 or none (a nought in the 万 or 元 place before a non-zero 千 or 角: 壹拾万柒仟元伍角叁分), none is written.
 *
 * <p>Written here rather than taken from ICU4J: its Chinese financial spell-out ({@code %spellout-cardinal-financial},
 * checked with ICU4J 67) gives 拾万 for 100,000 and 拾亿壹万 for 1,000,010,000 (no 壹, no 零), and reads 35000.5 as
 * 叁万伍仟点伍; the 元/角/分/整 wording is not part of it at all.
 */
public final class Renminbi {
    private static final String DIGITS = "零壹贰叁肆伍陆柒捌玖";
    private static final String[] PLACES = {"", "拾", "佰", "仟"};
    private static final long WAN = 1_0000L;
    private static final long YI = 1_0000_0000L;
    /** 万亿 is the largest unit written: up to 9,999,999,999,999,999.99 yuan. */
    private static final BigDecimal LIMIT = BigDecimal.valueOf(YI).multiply(BigDecimal.valueOf(YI));

    private Renminbi() {
    }

    /** {@code 1280000} → {@code 1,280,000.00 元（人民币壹佰贰拾捌万元整）}. */
    public static String written(BigDecimal yuan) {
        return inFigures(yuan) + " 元（人民币" + inCapitals(yuan) + "）";
    }

    /** {@code 1280000} → {@code 1,280,000.00}: thousands separated, always two decimals. */
    public static String inFigures(BigDecimal yuan) {
        writable(yuan);
        return String.format(Locale.ROOT, "%,.2f", yuan);
    }

    /** {@code 35000.50} → {@code 叁万伍仟元伍角}; {@code 0.05} → {@code 伍分}; {@code 0} → {@code 零元整}. */
    public static String inCapitals(BigDecimal yuan) {
        long fen = writable(yuan).movePointRight(2).longValueExact();
        long whole = fen / 100;
        int jiao = (int) (fen / 10 % 10);
        int cents = (int) (fen % 10);
        if (whole == 0 && fen == 0) {
            return "零元整";
        }
        StringBuilder s = new StringBuilder();
        if (whole > 0) {
            s.append(integer(whole)).append('元');
        }
        if (jiao == 0 && cents == 0) {
            return s.append('整').toString();
        }
        if (jiao > 0) {
            s.append(DIGITS.charAt(jiao)).append('角');
        } else if (whole > 0) {
            s.append('零');
        }
        if (cents > 0) {
            s.append(DIGITS.charAt(cents)).append('分');
        }
        return s.toString();
    }

    /** The amount, if it can be written: not negative, in whole 分, below 10^16 yuan. */
    static BigDecimal writable(BigDecimal yuan) {
        if (yuan == null) {
            throw new IllegalArgumentException("no amount");
        }
        if (yuan.signum() < 0) {
            throw new IllegalArgumentException("an amount owed cannot be negative: " + yuan.toPlainString());
        }
        if (yuan.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("yuan have two decimals (角, 分) at most: " + yuan.toPlainString());
        }
        if (yuan.compareTo(LIMIT) >= 0) {
            throw new IllegalArgumentException("too large to write in capitals: " + yuan.toPlainString());
        }
        return yuan;
    }

    /** 0 < n < 10^16: the part above 亿 is itself a number up to 9999万. */
    private static String integer(long n) {
        return split(n, YI, "亿", Renminbi::belowYi);
    }

    private static String belowYi(long n) {
        return split(n, WAN, "万", Renminbi::belowWan);
    }

    private static String split(long n, long unit, String unitName, LongFunction<String> lower) {
        long high = n / unit;
        long low = n % unit;
        if (high == 0) {
            return lower.apply(low);
        }
        String s = lower.apply(high) + unitName;
        if (low == 0) {
            return s;
        }
        // A nought in the highest place of the lower part (壹拾万零贰佰, 壹仟万零壹) is read as 零.
        return s + (low < unit / 10 ? "零" : "") + lower.apply(low);
    }

    /** 0 < n < 10000: 壹仟零壹拾, 壹拾. */
    private static String belowWan(long n) {
        StringBuilder s = new StringBuilder();
        boolean zeroPending = false;
        for (int place = 3; place >= 0; place--) {
            int digit = (int) (n / pow10(place) % 10);
            if (digit == 0) {
                zeroPending = s.length() > 0;
                continue;
            }
            if (zeroPending) {
                s.append('零');
                zeroPending = false;
            }
            s.append(DIGITS.charAt(digit)).append(PLACES[place]);
        }
        return s.toString();
    }

    private static long pow10(int exponent) {
        long p = 1;
        for (int i = 0; i < exponent; i++) {
            p *= 10;
        }
        return p;
    }
}
