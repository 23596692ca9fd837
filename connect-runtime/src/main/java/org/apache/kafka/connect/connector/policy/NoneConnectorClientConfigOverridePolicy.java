package org.apache.kafka.connect.connector.policy;

/** Lets connectors override no client setting ({@code None}). */
public class NoneConnectorClientConfigOverridePolicy extends OverridePolicySupport {

    @Override
    protected String policyName() {
        return "None";
    }

    @Override
    protected boolean isAllowed(String name) {
        return false;
    }
}
