package org.laborwatch.engine.ruleset;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.laborwatch.rules.ruleset.Campaign;
import org.laborwatch.rules.ruleset.RuleSet;

/**
 * Broadcast state holding the rule sets' source text: the base rule set under {@link #ACTIVE}, each seasonal campaign
 * under {@code campaign:<name>} ({@link #campaignKey}). The text, not a KieBase: every subtask compiles it itself, and
 * after a restore rebuilds its KieBase from here. Campaigns are entries of their own in the same map rather than a
 * new state, so a savepoint from before campaigns restores as it is: it simply has none.
 */
public final class RuleSetState {
    public static final String ACTIVE = "active";
    static final String CAMPAIGN_PREFIX = "campaign:";
    public static final TypeInformation<RuleSet> RULE_SET = TypeInformation.of(RuleSet.class);
    public static final MapStateDescriptor<String, RuleSet> DESCRIPTOR =
            new MapStateDescriptor<>("rule-sets", Types.STRING, RULE_SET);

    private RuleSetState() {
    }

    /** Where a campaign is kept: by its name, so publishing a campaign again replaces it. */
    public static String campaignKey(Campaign campaign) {
        return CAMPAIGN_PREFIX + campaign.name();
    }

    public static boolean isCampaignKey(String key) {
        return key.startsWith(CAMPAIGN_PREFIX);
    }
}
