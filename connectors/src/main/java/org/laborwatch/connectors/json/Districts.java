package org.laborwatch.connectors.json;

import java.util.List;
import java.util.Set;

/** The districts of the city the deployment serves; Qingdao's by default (DESIGN.md). */
public final class Districts {
    public static final List<String> QINGDAO = List.of(
            "市南区", "市北区", "李沧区", "崂山区", "城阳区", "黄岛区", "即墨区", "胶州市", "平度市", "莱西市");

    private Districts() {
    }

    public static Set<String> qingdao() {
        return Set.copyOf(QINGDAO);
    }
}
