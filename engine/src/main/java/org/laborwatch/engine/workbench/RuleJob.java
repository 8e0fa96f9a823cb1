package org.laborwatch.engine.workbench;

import org.laborwatch.connectors.rulesets.RuleJobs;

/** How one kind of workbench job is run: what it came to, or an exception saying why it could not run at all. */
interface RuleJob {
    RuleJobs.Result run(RuleJobs.Request request) throws Exception;
}
