package org.laborwatch.api.backend;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The indices and topics the service reads and writes. Configurable so each test class works in its own; the index
 * templates of the stack match every name that starts like the default ({@code lw-alerts*}, …).
 */
@ConfigurationProperties("laborwatch.names")
public record Names(String alertsIndex, String riskIndex, String signalsIndex, String usersIndex,
                    String casesIndex, String auditIndex, String countersIndex,
                    String alertsTopic, String signalsTopic, String caseEventsTopic,
                    String rulesetsIndex, String rulePublicationsIndex, String rulesTopic, String ruleEventsTopic,
                    String ruleJobsIndex) {
}
