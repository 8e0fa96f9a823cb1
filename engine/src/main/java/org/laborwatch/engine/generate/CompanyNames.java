package org.laborwatch.engine.generate;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.laborwatch.rules.fact.CreditCode;

/** Plausible, unique enterprise names and unified social credit codes for a generated city. */
final class CompanyNames {
    private static final String[] SYLLABLES = {
        "海", "润", "鑫", "泰", "华", "盛", "达", "恒", "源", "瑞", "安", "嘉", "鼎", "宏", "信", "德", "佳", "凯",
        "晟", "丰", "众", "诚", "远", "博", "新", "金", "利", "通", "锦", "和", "岳", "青", "蓝", "崂", "琴", "胶"};
    private static final String CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private final SplittableRandom random;
    private final Set<String> names = new HashSet<>();
    private final Set<String> codes = new HashSet<>();

    CompanyNames(SplittableRandom random) {
        this.random = random;
    }

    /** Two-character brands as most firms have; longer ones once a large city has used up the short ones. */
    String name(Industry industry) {
        for (int attempt = 0; ; attempt++) {
            int length = 2 + Math.min(3, attempt / 4) + (random.nextInt(4) == 0 ? 1 : 0);
            StringBuilder brand = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                brand.append(pick());
            }
            String name = "青岛" + brand + industry.nameWord + "有限公司";
            if (names.add(name)) {
                return name;
            }
        }
    }

    /** 9 (registered by market regulation), 1 (enterprise), the district's division code, an organisation code. */
    String creditCode(String divisionCode) {
        while (true) {
            StringBuilder org = new StringBuilder(9);
            for (int i = 0; i < 8; i++) {
                org.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
            }
            org.append(organisationCheck(org));
            String code = CreditCode.withCheckCharacter("91" + divisionCode + org);
            if (codes.add(code)) {
                return code;
            }
        }
    }

    /** GB 11714 check character of the 8-character organisation code body. */
    private static char organisationCheck(CharSequence body) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = body.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * ORG_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    private String pick() {
        return SYLLABLES[random.nextInt(SYLLABLES.length)];
    }
}
