package org.apache.kafka.connect.connector.policy;

/** Lets connectors override any client setting. The worker's default policy ({@code All}). */
public class AllConnectorClientConfigOverridePolicy extends OverridePolicySupport {

    @Override
    protected String policyName() {
        return "All";
    }

    @Override
    protected boolean isAllowed(String name) {
        return true;
    }
}
