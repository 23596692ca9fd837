package org.apache.kafka.connect.transforms.util;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

import java.util.Map;

/**
 * A plain {@link AbstractConfig} for transformations and predicates: parses and validates the given properties
 * against a {@link ConfigDef} without logging the resulting values (transforms are configured per connector and
 * task, and logging every instance would only add noise).
 */
public class SimpleConfig extends AbstractConfig {

    public SimpleConfig(ConfigDef configDef, Map<?, ?> originals) {
        super(configDef, originals, false);
    }
}
