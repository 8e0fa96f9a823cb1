package org.laborwatch.api.letter;

import java.time.LocalDate;

/**
 * Dates as letters write them. GB/T 9704-2012 (党政机关公文格式) writes the date of issue in Arabic figures,
 * without leading zeros ({@code 2026年11月30日}); the older style in Chinese numerals
 * ({@code 二〇二六年十一月三十日}) is still what some cities sign with, so templates may choose.
 */
final class ChineseDate {
    private static final String NUMERALS = "〇一二三四五六七八九";

    private ChineseDate() {
    }

    /** {@code 2026年11月30日}. */
    static String inFigures(LocalDate date) {
        return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    /** {@code 二〇二六年十一月三十日}. */
    static String inNumerals(LocalDate date) {
        StringBuilder year = new StringBuilder();
        String.valueOf(date.getYear()).chars().forEach(c -> year.append(NUMERALS.charAt(c - '0')));
        return year + "年" + upToThirtyOne(date.getMonthValue()) + "月" + upToThirtyOne(date.getDayOfMonth()) + "日";
    }

    /** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 31 → 三十一. */
    private static String upToThirtyOne(int n) {
        int tens = n / 10;
        int units = n % 10;
        String t = tens == 0 ? "" : (tens == 1 ? "" : String.valueOf(NUMERALS.charAt(tens))) + "十";
        return t + (units == 0 ? "" : String.valueOf(NUMERALS.charAt(units)));
    }
}
