package org.laborwatch.engine.generate;

/**
 * The industries of the generated city, with how common each is and how prone to wage disputes (construction
 * first: wage arrears to migrant workers are the programme's first concern).
 */
enum Industry {
    MANUFACTURING("制造业", "制造", 25, 1.2),
    CONSTRUCTION("建筑业", "建筑工程", 15, 2.5),
    RETAIL("批发和零售业", "商贸", 15, 0.8),
    CATERING("住宿和餐饮业", "餐饮管理", 12, 1.5),
    LOGISTICS("交通运输和物流业", "物流", 10, 1.1),
    PLATFORM("平台经济", "网络科技", 5, 1.5),
    SERVICES("居民服务业", "家政服务", 10, 0.9),
    IT("信息技术服务业", "信息技术", 8, 0.5);

    final String label;
    final String nameWord;
    final int share;
    final double troubleFactor;

    Industry(String label, String nameWord, int share, double troubleFactor) {
        this.label = label;
        this.nameWord = nameWord;
        this.share = share;
        this.troubleFactor = troubleFactor;
    }
}
